import { Group, Text } from '@mantine/core';

/** Kith's mark and name, or a workspace's own logo and company name (WorkspaceBrand). */
export function Logo({ name = 'Kith', src = null }: { name?: string; src?: string | null }) {
  return (
    <Group gap={8} wrap="nowrap" miw={0}>
      {src
        ? <img src={src} height={26} alt="" style={{ width: 'auto', maxWidth: 120, objectFit: 'contain' }} data-testid="brand-logo" />
        : <img src="/favicon.svg" width={26} height={26} alt="" />}
      <Text fw={700} size="lg" c="indigo.8" truncate="end" maw={{ base: 140, sm: 260 }} data-testid="brand-name">{name}</Text>
    </Group>
  );
}
