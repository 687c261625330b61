import type { MigrationSet } from '../migrate.js';
import { platformCore } from './20261124_0100_platform_core.js';
import { plannerCosts } from './20261201_2310_planner_costs.js';
import { recordsPlatform } from './20261207_0300_records_platform.js';
import { idempotencyRequestHash } from './20261207_0300_idempotency_request_hash.js';
import { recordsComputed } from './20261207_1500_records_computed.js';
import { recordsSearchIndex } from './20261207_1510_records_search_index.js';
import { recordsLinksFiles } from './20261209_1900_records_links_files.js';

/** Platform migrations; modules export their own sets from their index.ts. */
export const platformMigrations: MigrationSet = {
  '20261124_0100_platform_core': platformCore,
  '20261201_2310_planner_costs': plannerCosts,
  '20261207_0300_records_platform': recordsPlatform,
  '20261207_0300_idempotency_request_hash': idempotencyRequestHash,
  '20261207_1500_records_computed': recordsComputed,
  '20261207_1510_records_search_index': recordsSearchIndex,
  '20261209_1900_records_links_files': recordsLinksFiles,
};
