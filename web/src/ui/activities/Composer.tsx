/**
 * The composer above the timeline: tabs to add a note (rich text, @mentions, attachments), log a call,
 * a meeting or an email, and create a task. Each posts to POST /activities for its target: a contact, a company or
 * any engine record (`recordType` + `recordId`); `onLogged` lets the page refresh its timeline.
 * What is typed is kept as a draft per user and record (ui/forms/drafts): a reload restores it with a
 * notice and a discard action; sending clears it. Dates are typed in the user's pattern (ui/forms/DateField).
 */
import { forwardRef, useEffect, useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Tabs, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconMail, IconNote, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useUser } from '../../app/auth';
import { isoToLocal, localToIso } from '../dates';
import { errorMessage } from '../errors';
import { FormAlert } from '../FormAlert';
import { DateField } from '../forms/DateField';
import { DraftNotice, draftKey, readDraft, useDraft } from '../forms/drafts';
import { useFocusFirstError } from '../forms/focus';
import { notifySuccess } from '../notify';
import { AttachmentPicker, useUploadFiles } from './Attachments';
import { createActivity, targetFields, targetScope, type ActivityInput, type ActivityTarget, type Person } from './data';
import { escapeHtml, isEmptyHtml, parseDuration } from './logic';
import { NoteEditor } from './NoteEditor.lazy';

export type ComposerTab = 'note' | 'call' | 'meeting' | 'email' | 'task';
const OUTCOMES = ['answered', 'no_answer', 'busy', 'voicemail', 'wrong_number'] as const;

/** Plain text from a textarea as safe HTML paragraphs (the server keeps basic formatting only). */
const textToHtml = (s: string) => (s.trim() ? s.trim().split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('') : null);
const iso = (v: string | null) => localToIso(v);
const nowValue = () => isoToLocal(new Date().toISOString()).replace(/:\d{2}$/, ':00');

interface Values {
  subject: string;
  body: string;
  html: string;
  direction: 'inbound' | 'outbound';
  duration: string;
  outcome: string | null;
  when: string | null;
  location: string;
  emailFrom: string;
  emailTo: string[];
  due: string | null;
  remind: string | null;
  ownerId: string | null;
}
const blank = (): Values => ({
  subject: '', body: '', html: '', direction: 'outbound', duration: '', outcome: null, when: nowValue(), location: '',
  emailFrom: '', emailTo: [], due: null, remind: null, ownerId: null,
});
/** Nothing typed (the time, direction and selects alone are no draft). */
const isBlank = ({ v }: Draft) =>
  isEmptyHtml(v.html) && ![v.subject, v.body, v.duration, v.location, v.emailFrom].some((x) => x.trim()) && !v.emailTo.length && !v.due && !v.remind;
interface Draft {
  tab: ComposerTab;
  v: Values;
}

type Props = {
  target: ActivityTarget;
  /** Called after an activity (and its files) was added: refresh the timeline. */
  onLogged: () => void;
  tab: ComposerTab;
  onTab: (tab: ComposerTab) => void;
  people: Person[];
  defaultEmail?: string | null;
};

/** One composer per record: moving to another record starts from that record's draft. */
export const Composer = forwardRef<HTMLDivElement, Props>(function Composer(props, ref) {
  return <ComposerBody key={`${targetScope(props.target)}-${props.target.id}`} {...props} innerRef={ref} />;
});

function ComposerBody({ target, onLogged, tab, onTab, people, defaultEmail, innerRef: ref }: Props & { innerRef: React.ForwardedRef<HTMLDivElement> }) {
  const { t } = useTranslation();
  const user = useUser();
  const key = draftKey(user.id, targetScope(target), target.id, 'composer');
  // The draft found on opening is the first state (the note editor takes its content when it is created).
  const [v, setV] = useState<Values>(() => ({ ...blank(), ...readDraft<Draft>(key)?.value.v }));
  const draft = useDraft<Draft>(key, { tab, v }, isBlank);
  // …and opens on the tab it was typed in.
  useEffect(() => {
    if (draft.restored) onTab(draft.restored.value.tab);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = useUploadFiles();
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((x) => ({ ...x, [k]: value }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  const err = (k: string) => errors[k] || undefined;

  const build = (): ActivityInput | null => {
    const link = targetFields(target);
    const next: Record<string, string> = {};
    const subject = v.subject.trim() || null;
    let input: ActivityInput;
    if (tab === 'note') {
      if (isEmptyHtml(v.html)) next.html = t('activity.composer.required');
      input = { type: 'note', body: v.html, ...link };
    } else if (tab === 'call' || tab === 'meeting') {
      const seconds = parseDuration(v.duration);
      if (v.duration.trim() && seconds === null) next.duration = t('activity.composer.durationInvalid');
      if (tab === 'meeting' && !subject) next.subject = t('activity.composer.required');
      input = {
        type: tab, subject, body: textToHtml(v.body), durationSeconds: seconds, occurredAt: iso(v.when) ?? undefined, ...link,
        ...(tab === 'call' ? { direction: v.direction, outcome: v.outcome } : { location: v.location.trim() || null }),
      };
    } else if (tab === 'email') {
      if (!subject) next.subject = t('activity.composer.required');
      input = {
        type: 'email', subject, body: textToHtml(v.body), direction: v.direction, occurredAt: iso(v.when) ?? undefined,
        emailFrom: v.emailFrom.trim() || null, emailTo: v.emailTo.length ? v.emailTo : defaultEmail ? [defaultEmail] : null, ...link,
      };
    } else {
      if (!subject) next.subject = t('activity.composer.required');
      input = { type: 'task', subject, body: textToHtml(v.body), dueAt: iso(v.due), remindAt: iso(v.remind), ownerId: v.ownerId ?? undefined, ...link };
    }
    setErrors(next);
    if (Object.values(next).some(Boolean)) focusError();
    return Object.values(next).some(Boolean) ? null : input;
  };

  const submit = async () => {
    setFormError(null);
    const input = build();
    if (!input) return;
    setBusy(true);
    try {
      const created = await createActivity(input);
      const failed = tab === 'note' && files.length ? await upload(created.id, files) : [];
      onLogged();
      draft.clear();
      setV(blank());
      setFiles(failed);
      notifySuccess(t('activity.composer.logged'));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const map: Record<string, string> = {};
        const fieldOf: Record<string, keyof Values> = { body: tab === 'note' ? 'html' : 'body', durationSeconds: 'duration', dueAt: 'due', remindAt: 'remind', occurredAt: 'when', emailTo: 'emailTo', emailFrom: 'emailFrom', subject: 'subject', location: 'location', outcome: 'outcome', ownerId: 'ownerId' };
        const rest: string[] = [];
        for (const f of e.fields) {
          const k = fieldOf[f.path.split('.')[0] ?? ''];
          if (k) map[k] = f.message;
          else rest.push(f.message);
        }
        setErrors(map);
        setFormError(rest.length ? rest.join(' ') : null);
      } else setFormError(errorMessage(e, t));
      focusError();
    } finally {
      setBusy(false);
    }
  };

  const submitLabel = { note: 'addNote', call: 'logCall', meeting: 'logMeeting', email: 'logEmail', task: 'createTask' }[tab];
  const whenInput = (
    <DateField withTime clearable={false} label={t('activity.composer.when')} value={v.when} onChange={(x) => set('when', x)} data-testid="composer-when" />
  );
  const subjectInput = (required: boolean) => (
    <TextInput label={t('activity.composer.subject')} withAsterisk={required} value={v.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={err('subject')} data-testid="composer-subject" />
  );
  const bodyInput = (
    <Textarea label={t('activity.composer.body')} autosize minRows={2} maxRows={8} value={v.body} onChange={(e) => set('body', e.currentTarget.value)} error={err('body')} data-testid="composer-body" />
  );
  const directionInput = (
    <Stack gap={4}>
      <Text size="sm" fw={500}>{t('activity.composer.direction')}</Text>
      <SegmentedControl value={v.direction} onChange={(x) => set('direction', x as Values['direction'])} data-testid="composer-direction"
        data={tab === 'email'
          ? [{ value: 'outbound', label: t('activity.item.emailOutbound') }, { value: 'inbound', label: t('activity.item.emailInbound') }]
          : [{ value: 'outbound', label: t('activity.item.outbound') }, { value: 'inbound', label: t('activity.item.inbound') }]} />
    </Stack>
  );

  return (
    <Paper withBorder p="sm" radius="md" ref={ref} data-testid="composer">
        <Tabs value={tab} onChange={(x) => x && onTab(x as ComposerTab)} mb="sm">
          <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
            <Tabs.Tab value="note" leftSection={<IconNote size={16} />} data-testid="composer-tab-note">{t('activity.composer.note')}</Tabs.Tab>
            <Tabs.Tab value="call" leftSection={<IconPhone size={16} />} data-testid="composer-tab-call">{t('activity.composer.call')}</Tabs.Tab>
            <Tabs.Tab value="meeting" leftSection={<IconCalendarEvent size={16} />} data-testid="composer-tab-meeting">{t('activity.composer.meeting')}</Tabs.Tab>
            <Tabs.Tab value="email" leftSection={<IconMail size={16} />} data-testid="composer-tab-email">{t('activity.composer.email')}</Tabs.Tab>
            <Tabs.Tab value="task" leftSection={<IconChecklist size={16} />} data-testid="composer-tab-task">{t('activity.composer.task')}</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <form ref={formRef} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Stack gap="sm">
            {draft.restored && (
              <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => { draft.clear(); setV(blank()); setErrors({}); }} />
            )}
            {tab === 'note' && (
              <>
                <div data-invalid={err('html') ? 'true' : undefined}>
                  <NoteEditor value={v.html} onChange={(h) => set('html', h)} people={people} placeholder={t('activity.composer.notePlaceholder')} />
                </div>
                {err('html') && <Text size="xs" c="red" data-testid="composer-note-error">{err('html')}</Text>}
                <AttachmentPicker files={files} onChange={setFiles} />
              </>
            )}
            {tab === 'call' && (
              <>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  {directionInput}
                  <Select label={t('activity.composer.outcome')} clearable value={v.outcome} onChange={(x) => set('outcome', x)} data-testid="composer-outcome"
                    data={OUTCOMES.map((o) => ({ value: o, label: t(`activity.outcomes.${o}`) }))} error={err('outcome')} />
                  <TextInput label={t('activity.composer.duration')} placeholder="4:30" value={v.duration} onChange={(e) => set('duration', e.currentTarget.value)} error={err('duration')} data-testid="composer-duration" />
                  {whenInput}
                </SimpleGrid>
                {subjectInput(false)}
                {bodyInput}
              </>
            )}
            {tab === 'meeting' && (
              <>
                {subjectInput(true)}
                <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                  {whenInput}
                  <TextInput label={t('activity.composer.duration')} placeholder="60" value={v.duration} onChange={(e) => set('duration', e.currentTarget.value)} error={err('duration')} data-testid="composer-duration" />
                  <TextInput label={t('activity.composer.location')} value={v.location} onChange={(e) => set('location', e.currentTarget.value)} error={err('location')} data-testid="composer-location" />
                </SimpleGrid>
                {bodyInput}
              </>
            )}
            {tab === 'email' && (
              <>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  {directionInput}
                  {whenInput}
                  <TextInput label={t('activity.composer.emailFrom')} value={v.emailFrom} onChange={(e) => set('emailFrom', e.currentTarget.value)} error={err('emailFrom')} data-testid="composer-from" />
                  <TagsInput label={t('activity.composer.emailTo')} value={v.emailTo} onChange={(x) => set('emailTo', x)} placeholder={defaultEmail ?? ''} error={err('emailTo')} data-testid="composer-to" />
                </SimpleGrid>
                {subjectInput(true)}
                {bodyInput}
              </>
            )}
            {tab === 'task' && (
              <>
                {subjectInput(true)}
                <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                  <DateField withTime label={t('activity.composer.due')} clearable value={v.due} onChange={(x) => set('due', x)} error={err('due')} data-testid="composer-due" />
                  <DateField withTime label={t('activity.composer.remind')} clearable value={v.remind} onChange={(x) => set('remind', x)} error={err('remind')} data-testid="composer-remind" />
                  <Select label={t('activity.composer.assignee')} searchable clearable value={v.ownerId} onChange={(x) => set('ownerId', x)} error={err('ownerId')}
                    data={people.map((p) => ({ value: p.id, label: p.name }))} data-testid="composer-owner" />
                </SimpleGrid>
                {bodyInput}
              </>
            )}
            <FormAlert message={formError} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy} data-testid="composer-submit">{t(`activity.composer.${submitLabel}`)}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
  );
}
