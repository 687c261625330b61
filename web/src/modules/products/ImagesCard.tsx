/**
 * The product page's Images card: thumbnails of the uploaded images (the primary first, marked), upload by the file
 * picker or by dropping files on the card, delete, make primary; the old `image` URL is shown while there is no
 * upload. Also the list's `image` cell: the primary upload as a small thumbnail, else the URL's image.
 */
import { useRef, useState } from 'react';
import { Alert, Anchor, Badge, Box, Button, Card, Group, Image, Stack, Text, Title } from '@mantine/core';
import { IconPhotoUp, IconStar, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRODUCT_IMAGE_MAX_BYTES } from '../../../../contracts/product-images';
import { api, ApiError } from '../../app/api';
import { useUser } from '../../app/auth';
import { can } from '../../app/session';
import { errorMessage } from '../../ui/errors';
import { notifySuccess } from '../../ui/notify';
import type { FieldDef, RecordItem } from '../../ui/records/types';
import { useProductImages } from './data';

const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif';
const urlOf = (v: unknown): string | null => (typeof v === 'string' && /^(https?:\/\/|\/[^/])/i.test(v.trim()) ? v.trim() : null);

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function ImagesCard({ rec }: { rec: RecordItem }) {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const images = useProductImages(rec.id);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const canChange = can(user, 'products', 'update');
  const legacy = urlOf(rec.values.image);
  const refresh = () => qc.invalidateQueries({ queryKey: ['/products/images', rec.id] });

  const upload = async (files: File[]) => {
    setError(null);
    if (files.length === 0) return;
    setBusy(true);
    try {
      for (const f of files) {
        if (f.size > PRODUCT_IMAGE_MAX_BYTES) {
          setError(t('products.images.tooLarge', { name: f.name }));
          continue;
        }
        try {
          await api.post(`/products/${rec.id}/images`, { filename: f.name, file: await base64Of(f) });
          notifySuccess(t('products.images.uploaded'));
        } catch (err) {
          const field = err instanceof ApiError ? err.fields.find((x) => x.path === 'file') : undefined;
          setError(field && err instanceof ApiError && err.status === 400 ? t('products.images.badType', { name: f.name }) : err instanceof ApiError && err.status === 413 ? t('products.images.tooLarge', { name: f.name }) : errorMessage(err, t));
        }
      }
    } finally {
      setBusy(false);
      await refresh();
    }
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await fn();
      notifySuccess(t(done));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      await refresh();
    }
  };

  const list = images.data ?? [];
  return (
    <Card withBorder radius="md" data-testid="images-card" data-over={over || undefined}
      style={over ? { outline: '2px dashed var(--mantine-color-blue-filled)' } : undefined}
      onDragOver={canChange ? (e) => { e.preventDefault(); setOver(true); } : undefined}
      onDragLeave={canChange ? () => setOver(false) : undefined}
      onDrop={canChange ? (e) => { e.preventDefault(); setOver(false); void upload([...e.dataTransfer.files]); } : undefined}>
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('products.images.title')}</Title>
        {canChange && (
          <>
            <input ref={input} type="file" accept={ACCEPT} multiple hidden data-testid="images-input"
              onChange={(e) => { const files = [...(e.currentTarget.files ?? [])]; e.currentTarget.value = ''; void upload(files); }} />
            <Button size="xs" variant="light" leftSection={<IconPhotoUp size={16} />} loading={busy} onClick={() => input.current?.click()} data-testid="images-upload">
              {t('products.images.upload')}
            </Button>
          </>
        )}
      </Group>
      <Stack gap="sm">
        {error && <Alert color="red" withCloseButton onClose={() => setError(null)} data-testid="images-error">{error}</Alert>}
        {images.isError && <Alert color="red">{errorMessage(images.error, t)}</Alert>}
        {images.data && list.length === 0 && (
          legacy
            ? <Group data-testid="images-legacy"><Image src={legacy} alt={t('products.images.alt', { name: rec.title })} w={96} h={96} fit="contain" radius="sm" /><Stack gap={2}><Text size="sm" c="dimmed">{t('products.images.fromLink')}</Text><Anchor href={legacy} target="_blank" rel="noreferrer" size="sm" data-testid="images-legacy-link">{legacy}</Anchor></Stack></Group>
            : <Text size="sm" c="dimmed" data-testid="images-empty">{t(canChange ? 'products.images.empty' : 'products.images.emptyReadOnly')}</Text>
        )}
        {list.length > 0 && (
          <Group gap="md" align="flex-start">
            {list.map((img) => (
              <Stack key={img.id} gap={4} align="center" data-testid="product-image" data-primary={img.primary || undefined} w={112}>
                <Box pos="relative">
                  <Image src={img.url} alt={t('products.images.alt', { name: img.filename })} w={96} h={96} fit="contain" radius="sm" style={{ border: '1px solid var(--mantine-color-default-border)' }} />
                  {img.primary && <Badge size="xs" pos="absolute" top={4} left={4} data-testid="image-primary">{t('products.images.primary')}</Badge>}
                </Box>
                <Text size="xs" c="dimmed" truncate="end" maw={112} title={img.filename}>{img.filename}</Text>
                {canChange && (
                  <Group gap={4}>
                    {!img.primary && (
                      <Button size="compact-xs" variant="subtle" leftSection={<IconStar size={12} />} data-testid="image-make-primary"
                        aria-label={t('products.images.makePrimaryOf', { name: img.filename })}
                        onClick={() => void act(() => api.post(`/products/${rec.id}/images/${img.id}/primary`), 'products.images.primaryDone')}>
                        {t('products.images.makePrimary')}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconTrash size={12} />} data-testid="image-delete"
                      aria-label={t('products.images.deleteOf', { name: img.filename })}
                      onClick={() => void act(() => api.delete(`/products/${rec.id}/images/${img.id}`), 'products.images.deleted')}>
                      {t('common.delete')}
                    </Button>
                  </Group>
                )}
              </Stack>
            ))}
          </Group>
        )}
        {canChange && <Text size="xs" c="dimmed">{t('products.images.hint')}</Text>}
      </Stack>
    </Card>
  );
}

/** The list's `image` cell: the primary upload as a 32 px thumbnail, else the URL's image, else a dash. */
export function ProductImageCell({ row }: { row: RecordItem; f: FieldDef }) {
  const { t } = useTranslation();
  const images = useProductImages(row.id);
  const src = images.data?.[0]?.url ?? urlOf(row.values.image);
  if (!src) return <span>—</span>;
  return <img src={src} alt={t('products.images.alt', { name: row.title })} width={32} height={32} loading="lazy" style={{ objectFit: 'contain', borderRadius: 4 }} data-testid="product-thumb" />;
}
