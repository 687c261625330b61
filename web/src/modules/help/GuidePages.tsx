/**
 * The guide in the app: the list of pages (/help) and one page (/help/:slug), rendered from the HTML the server made
 * from Markdown and sanitised. Links to other guide pages and to app pages stay inside the app.
 */
import type { MouseEvent } from 'react';
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title, Typography } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { useGuideList, useGuidePage } from './data';
import './guide.css';

export function GuideIndexPage() {
  const { t } = useTranslation();
  const list = useGuideList();
  const pages = list.data?.pages ?? [];
  return (
    <Stack gap="md" maw={960} data-testid="guide-index">
      <PageHeader title={t('help.guide')} description={t('help.guideDescription')} />
      {list.isPending ? <LoadingState label={t('help.loading')} /> : list.error ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : pages.length === 0 ? (
        <EmptyState title={t('help.empty')} description={t('help.emptyHint')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {pages.map((p) => (
            <Card key={p.slug} withBorder radius="md" padding="md" component={Link} to={`/help/${p.slug}`} data-testid={`guide-card-${p.slug}`}>
              <Text fw={600}>{p.title}</Text>
              <Text size="sm" c="dimmed" mt={4} lineClamp={3}>{p.summary}</Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

export function GuidePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const page = useGuidePage(slug);
  // Links inside the page to /help/… and app pages navigate in the app instead of reloading it.
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest('a');
    const href = a?.getAttribute('href');
    if (!a || !href || a.target || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/api/')) {
      e.preventDefault();
      navigate(href);
    }
  };
  const missing = page.error instanceof ApiError && page.error.status === 404;
  return (
    <Stack gap="sm" maw={860} data-testid="guide-page">
      <Group>
        <Anchor component={Link} to="/help" size="sm" data-testid="guide-back">
          <IconArrowLeft size={14} style={{ verticalAlign: -2, marginRight: 4 }} aria-hidden />{t('help.back')}
        </Anchor>
      </Group>
      {page.isPending ? <LoadingState label={t('help.loading')} /> : missing ? <EmptyState title={t('help.notFound')} /> : page.error ? (
        <ErrorState error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <>
          <Title order={1} fz={28} data-testid="page-title">{page.data!.title}</Title>
          {/* The server renders the Markdown and sanitises it with an allow-list (no scripts, styles or handlers). */}
          <Typography className="kith-guide" data-testid="guide-body">
            <div onClick={onClick} dangerouslySetInnerHTML={{ __html: page.data!.html }} />
          </Typography>
        </>
      )}
    </Stack>
  );
}
