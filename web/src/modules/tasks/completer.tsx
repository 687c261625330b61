/**
 * Completing a task from My day and from the home page's card: a checkbox completes at once; a call or meeting
 * first asks for its outcome (logged on the contact's timeline by the server). The outcome dialog (Mantine Modal,
 * its focus trap and Textarea) loads when a task first asks for it, so the home card stays light.
 */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskItem } from '../../../../contracts/tasks';
import { errorMessage } from '../../ui/errors';
import { notifyError, notifySuccess } from '../../ui/notify';
import { asksOutcome, completeTask } from './data';

const OutcomeDialog = lazy(() => import('./OutcomeDialog'));

export function useCompleter(onDone: () => void) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<TaskItem | null>(null);
  // Kept mounted once shown, so the dialog closes with its transition like any modal.
  const [shown, setShown] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const finish = async (task: TaskItem, text?: string) => {
    setBusy(true);
    try {
      await completeTask(task.id, task.version, text);
      notifySuccess(t('tasks.myDay.completed'));
      setAsking(null);
      setOutcome('');
    } catch (err) {
      notifyError(errorMessage(err, t));
    } finally {
      setBusy(false);
      onDone();
    }
  };
  const complete = (task: TaskItem) => {
    if (!asksOutcome(task.type)) return void finish(task);
    setShown(true);
    setAsking(task);
  };
  const modal = shown ? (
    <Suspense fallback={null}>
      <OutcomeDialog task={asking} outcome={outcome} onOutcome={setOutcome} busy={busy} onClose={() => setAsking(null)}
        onSubmit={() => { if (asking) void finish(asking, outcome.trim() || undefined); }} />
    </Suspense>
  ) : null;
  return { complete, modal };
}
