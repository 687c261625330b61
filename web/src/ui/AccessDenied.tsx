/**
 * "You don't have access": what a signed-in user sees on a page their role does not open (instead of "page not
 * found"), naming the workspace's administrators (GET /directory/admins) as the people who can grant it.
 *
 * @example if (error instanceof ApiError && error.status === 403) return <AccessDenied />;
 */
import { Anchor, Button, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DirectoryAdmins } from '../../../contracts/identity';
import { api } from '../app/api';

export function AccessDenied() {
  const { t } = useTranslation();
  const admins = useQuery({
    queryKey: ['/directory/admins'],
    queryFn: ({ signal }) => api.get<DirectoryAdmins>('/directory/admins', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
  const list = admins.data?.admins ?? [];
  return (
    <Stack align="center" py={64} gap="sm" ta="center" data-testid="no-access">
      <ThemeIcon variant="light" size={48} radius="xl" color="gray" aria-hidden>
        <IconLock size={26} />
      </ThemeIcon>
      <Title order={1} size="h2" data-testid="page-title">{t('noAccess.title')}</Title>
      <Text maw={520}>{list.length ? t('noAccess.body') : t('noAccess.nobody')}</Text>
      {list.length > 0 && (
        <List listStyleType="none" spacing={4} data-testid="no-access-admins">
          {list.map((a) => (
            <List.Item key={a.id}>
              {a.name} · <Anchor href={`mailto:${a.email}`}>{a.email}</Anchor>
            </List.Item>
          ))}
        </List>
      )}
      <Button component={Link} to="/" variant="light" mt="sm">{t('noAccess.home')}</Button>
    </Stack>
  );
}
