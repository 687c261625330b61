// Types of scripts/web-budget.mjs.
export interface ManifestChunk { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; isDynamicEntry?: boolean; css?: string[] }
export type Manifest = Record<string, ManifestChunk>;
export interface PageLoads { load?: string[]; loadMatching?: string[] }
export interface PageBudget extends PageLoads { signedIn?: boolean; ownStrings?: boolean; totalKiB?: number; ownKiB?: number }
export interface Budgets { about?: string; signedIn?: PageLoads; allStrings?: PageLoads; pages: Record<string, PageBudget> }
export interface PageWeight { shell: number; own: number; total: number; chunks: string[] }
export const KiB: number;
export function closure(manifest: Manifest, keys: string[]): Set<string>;
export function pageLoads(manifest: Manifest, budgets: Budgets, page: PageBudget): string[];
export function pageWeights(manifest: Manifest, budgets: Budgets, sizeOf: (file: string) => number): Record<string, PageWeight>;
export function budgetViolations(weights: Record<string, PageWeight>, budgets: Budgets): string[];
export function readBudgets(): Budgets;
export function measureBuild(webDir?: string, budgets?: Budgets): Record<string, PageWeight>;
export function report(weights: Record<string, PageWeight>, budgets: Budgets): string;
