/**
 * Long-text custom fields of the contact and company forms are kept as a draft per user and record
 * (ui/forms/drafts): after a reload the form opens with them put back — the form counts as changed, so its
 * guard asks before closing — and a "Draft restored" notice with a discard action. Saving clears the draft.
 */
import { useEffect, type Dispatch, type SetStateAction } from 'react';
import { useUser } from '../../../app/auth';
import { DraftNotice, draftKey, readDraft, useTextDrafts } from '../../../ui/forms/drafts';
import type { CustomField } from '../data';
import type { Entity } from '../logic';

type WithCustom = { custom: Record<string, unknown> };

/** `base`: the custom values the form started from (the stored record's). */
export function useCustomTextDrafts<V extends WithCustom>(
  entity: Entity, id: string | null, defs: CustomField[], base: Record<string, unknown>, form: { values: V; setValues: Dispatch<SetStateAction<V>> },
) {
  const user = useUser();
  const keys = defs.filter((d) => d.type === 'long_text').map((d) => d.key);
  const key = keys.length ? draftKey(user.id, entity, id ?? 'new', 'form') : null;
  const draft = useTextDrafts(key, keys, base, form.values.custom);
  const setCustom = (patch: Record<string, unknown>) => form.setValues((v) => ({ ...v, custom: { ...v.custom, ...patch } }));
  // Put the draft back once the form exists (the form's baseline stays the stored record, so it reads as changed).
  useEffect(() => {
    const stored = key ? readDraft<Record<string, unknown>>(key)?.value : null;
    const texts = Object.fromEntries(keys.filter((k) => typeof stored?.[k] === 'string').map((k) => [k, stored![k]]));
    if (Object.keys(texts).length) setCustom(texts);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const notice = draft.restored ? (
    <DraftNotice savedAt={draft.restored.savedAt} onDiscard={() => {
      draft.clear();
      setCustom(Object.fromEntries(keys.map((k) => [k, base[k] ?? ''])));
    }} />
  ) : null;
  return { notice, clear: draft.clear };
}
