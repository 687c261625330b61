/**
 * The public satisfaction survey (/survey/:token, no sign-in), in the ticket's language (switchable): the email's
 * link carries `?score=n`, which is recorded as soon as the page opens (one click), then the requester may change
 * the rating or add a comment (POST again: the same answer is replaced). Unknown link → not valid; expired → said so.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Center, Loader, Paper, Radio, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Survey } from '../../../../../contracts/tickets';
import { api, ApiError } from '../../../app/api';
import { Logo } from '../../../app/layout/Logo';
import { applyLocale, LOCALES } from '../../../app/locale';
import i18n from '../../../i18n';
import { en, vi } from './i18n';

i18n.addResourceBundle('en', 'translation', { ticketSurvey: en }, true, true);
i18n.addResourceBundle('vi', 'translation', { ticketSurvey: vi }, true, true);

const SCORES = [1, 2, 3, 4, 5] as const;
type Problem = 'notFound' | 'expired' | 'failed' | null;

const problemOf = (e: unknown): Problem => (e instanceof ApiError && e.status === 404 ? 'notFound' : e instanceof ApiError && e.status === 410 ? 'expired' : 'failed');

export function SurveyPage() {
  const { t, i18n: i } = useTranslation();
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const [score, setScore] = useState<string>('');
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const started = useRef(false);
  const url = `/public/surveys/${encodeURIComponent(token)}`;

  const answer = async (value: number, text: string | null) => {
    setSaving(true);
    try {
      const s = await api.post<Survey>(url, { score: value, comment: text }, { allowUnauthenticated: true });
      setSurvey(s);
      setProblem(null);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        let s = await api.get<Survey>(url, undefined, { allowUnauthenticated: true });
        applyLocale(s.language);
        const clicked = Number(params.get('score'));
        // The email's one click: record the rating it carries (unless it is already the answer).
        if (Number.isInteger(clicked) && clicked >= 1 && clicked <= 5 && s.score !== clicked) {
          s = await api.post<Survey>(url, { score: clicked, comment: s.comment }, { allowUnauthenticated: true });
        }
        setSurvey(s);
        setScore(s.score ? String(s.score) : '');
        setComment(s.comment ?? '');
      } catch (e) {
        setProblem(problemOf(e));
      }
    })();
  }, [url, params]);

  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={560}>
        <Center mb="md"><Logo /></Center>
        <Paper withBorder p="lg" radius="md">
          <Title order={1} size="h3" mb="xs">{t('ticketSurvey.title')}</Title>
          {problem === 'notFound' || problem === 'expired' ? (
            <Alert color={problem === 'expired' ? 'yellow' : 'red'} role="alert" data-testid="survey-problem">{t(`ticketSurvey.${problem}`)}</Alert>
          ) : !survey ? (
            <Stack align="center" py="md"><Loader size="sm" /><Text size="sm" c="dimmed">{t('ticketSurvey.loading')}</Text></Stack>
          ) : (
            <form onSubmit={(e) => { e.preventDefault(); if (score) void answer(Number(score), comment.trim() || null); }}>
              <Stack>
                <Text size="sm" c="dimmed">{t('ticketSurvey.about', { number: survey.number, subject: survey.subject })}</Text>
                {survey.score && (
                  <Alert color="green" icon={<IconCircleCheck />} data-testid="survey-thanks">
                    {t('ticketSurvey.thanks', { score: survey.score })} {t('ticketSurvey.changeHint')}
                  </Alert>
                )}
                {problem === 'failed' && <Alert color="red" role="alert">{t('ticketSurvey.failed')}</Alert>}
                <Radio.Group label={t('ticketSurvey.question')} value={score} onChange={setScore} name="score">
                  <Stack gap="xs" mt="xs">
                    {SCORES.map((n) => <Radio key={n} value={String(n)} label={`${n} – ${t(`ticketSurvey.scores.${n}`)}`} data-testid={`survey-score-${n}`} />)}
                  </Stack>
                </Radio.Group>
                <Textarea label={t('ticketSurvey.comment')} autosize minRows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
                <Button type="submit" loading={saving} disabled={!score}>{survey.score ? t('ticketSurvey.update') : t('ticketSurvey.send')}</Button>
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
