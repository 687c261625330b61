/**
 * The public support form (/support, no sign-in), in English and Vietnamese: name, email, topic, subject and
 * description, a hidden honeypot; POST /public/tickets, then the ticket number. The page registers the module's
 * strings itself (the signed-in shell's bundles are not loaded here).
 */
import { useState } from 'react';
import { Alert, Box, Button, Center, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PublicTicketAnswer } from '../../../../contracts/tickets';
import { api } from '../../app/api';
import { Logo } from '../../app/layout/Logo';
import { applyLocale, LOCALES } from '../../app/locale';
import i18n from '../../i18n';
import { errorMessage } from '../../ui/errors';
import { useForm } from '../../ui/form';
import { en, vi } from './i18n';

i18n.addResourceBundle('en', 'translation', { tickets: en }, true, true);
i18n.addResourceBundle('vi', 'translation', { tickets: vi }, true, true);

const CATEGORIES = ['question', 'incident', 'billing', 'account', 'feature_request', 'other'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SupportPage() {
  const { t, i18n: i } = useTranslation();
  const [sent, setSent] = useState<PublicTicketAnswer | null>(null);
  const form = useForm({
    initialValues: { name: '', email: '', category: '', subject: '', description: '', website: '' },
    validate: (v) => ({
      email: !v.email.trim() ? t('tickets.support.required') : EMAIL.test(v.email.trim()) ? null : t('tickets.support.badEmail'),
      subject: v.subject.trim() ? null : t('tickets.support.required'),
      description: v.description.trim() ? null : t('tickets.support.required'),
    }),
  });

  const submit = form.onSubmit(async (v) => {
    const body = { ...v, category: v.category || undefined, language: i.language.startsWith('vi') ? 'vi' : 'en' };
    setSent(await api.post<PublicTicketAnswer>('/public/tickets', body, { allowUnauthenticated: true }));
  }, (e) => form.applyApiError(e, errorMessage(e, t)));

  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={560}>
        <Center mb="md"><Logo /></Center>
        <Paper withBorder p="lg" radius="md">
          <Title order={1} size="h3" mb={4}>{t('tickets.support.title')}</Title>
          {sent ? (
            <Stack>
              <Alert color="green" icon={<IconCircleCheck />} data-testid="support-sent">
                {sent.number ? t('tickets.support.sent', { number: sent.number }) : t('tickets.support.sentNoNumber')}
              </Alert>
              <Button variant="light" onClick={() => { setSent(null); form.reset(); }}>{t('tickets.support.another')}</Button>
            </Stack>
          ) : (
            <form ref={form.ref} onSubmit={submit} noValidate>
              <Stack>
                <Text size="sm" c="dimmed">{t('tickets.support.intro')}</Text>
                {form.formError && <Alert color="red" role="alert">{form.formError}</Alert>}
                <TextInput label={t('tickets.support.name')} autoComplete="name" {...form.getInputProps('name')} />
                <TextInput label={t('tickets.support.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
                <Select label={t('tickets.support.category')} clearable data={CATEGORIES.map((c) => ({ value: c, label: t(`tickets.support.categories.${c}`) }))} {...form.getInputProps('category')} />
                <TextInput label={t('tickets.support.subject')} required maxLength={300} {...form.getInputProps('subject')} />
                <Textarea label={t('tickets.support.description')} required autosize minRows={5} maxLength={20000} {...form.getInputProps('description')} />
                <Box style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }} aria-hidden="true">
                  <TextInput label={t('tickets.support.website')} tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
                </Box>
                <Button type="submit" loading={form.submitting}>{t('tickets.support.submit')}</Button>
              </Stack>
            </form>
          )}
        </Paper>
        <Center mt="md">
          <SegmentedControl size="xs" value={i.language} onChange={applyLocale} data-testid="language-switch"
            data={LOCALES.map((l) => ({ value: l, label: <span data-testid={`language-switch-${l}`}>{t(`languages.${l}`)}</span> }))} />
        </Center>
      </Box>
    </Center>
  );
}
