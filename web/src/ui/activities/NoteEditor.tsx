/**
 * The rich-text note editor: @mantine/tiptap with StarterKit (bold, italic, lists, links) and a
 * mention node that writes `<span class="mention" data-mention-id="<userId>">@Name</span>` — the
 * markup the server parses to notify mentioned users. Typing "@" opens a list of people under the
 * editor (arrows + Enter, or click).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Paper, Text, UnstyledButton } from '@mantine/core';
import { RichTextEditor } from '@mantine/tiptap';
import { mergeAttributes, Node, type Editor } from '@tiptap/core';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { IconAt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import '@mantine/tiptap/styles.css';
import './activities.css';
import { fold } from '../format';
import type { Person } from './data';

export const MentionNode = Node.create({
  name: 'mention',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: false,
  addAttributes() {
    return {
      id: { default: null, parseHTML: (el) => el.getAttribute('data-mention-id'), renderHTML: (a) => ({ 'data-mention-id': a.id as string }) },
      label: { default: '', parseHTML: (el) => (el.textContent ?? '').replace(/^@/, ''), renderHTML: () => ({}) },
    };
  },
  parseHTML() {
    return [{ tag: 'span[data-mention-id]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'mention' }, HTMLAttributes), `@${node.attrs.label as string}`];
  },
  renderText({ node }) {
    return `@${node.attrs.label as string}`;
  },
});

interface MentionQuery {
  query: string;
  from: number;
  to: number;
}

/** The "@query" right before the cursor, if the user is typing a mention. */
function mentionAt(editor: Editor): MentionQuery | null {
  const { $from, empty } = editor.state.selection;
  if (!empty) return null;
  const before = $from.parent.textBetween(Math.max(0, $from.parentOffset - 40), $from.parentOffset, undefined, '\ufffc');
  const m = /(?:^|\s)@([\p{L}\p{N}_.-]{0,30})$/u.exec(before);
  if (!m) return null;
  const q = m[1] ?? '';
  return { query: q, from: $from.pos - q.length - 1, to: $from.pos };
}

export function NoteEditor({ value, onChange, people, placeholder, testId = 'note-editor' }: {
  value: string;
  onChange: (html: string) => void;
  people: Person[];
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    if (!mention) return [];
    const q = fold(mention.query);
    return people.filter((p) => fold(p.name).includes(q) || fold(p.email ?? '').startsWith(q)).slice(0, 6);
  }, [mention, people]);
  // The key handler lives in the editor's config, created once: it reads the latest state through a ref.
  const state = useRef({ mention, matches, active });
  state.current = { mention, matches, active };

  const insert = (editor: Editor, p: Person, range: MentionQuery) => {
    editor.chain().focus().insertContentAt({ from: range.from, to: range.to }, [
      { type: 'mention', attrs: { id: p.id, label: p.name } },
      { type: 'text', text: ' ' },
    ]).run();
    setMention(null);
  };

  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false } }), MentionNode],
    content: value,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: { 'data-testid': testId, 'aria-label': placeholder ?? '' },
      handleKeyDown: (_view, event) => {
        const s = state.current;
        if (!s.mention || !s.matches.length) return false;
        if (event.key === 'ArrowDown') { setActive((a) => (a + 1) % s.matches.length); return true; }
        if (event.key === 'ArrowUp') { setActive((a) => (a - 1 + s.matches.length) % s.matches.length); return true; }
        if (event.key === 'Enter' || event.key === 'Tab') {
          const p = s.matches[s.active] ?? s.matches[0]!;
          queueMicrotask(() => editorRef.current && insert(editorRef.current, p, s.mention!));
          return true;
        }
        if (event.key === 'Escape') { setMention(null); return true; }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => {
      onChange(e.isEmpty ? '' : e.getHTML());
      setMention(mentionAt(e));
      setActive(0);
    },
    onSelectionUpdate: ({ editor: e }) => setMention(mentionAt(e)),
  });
  const editorRef = useRef<Editor | null>(null);
  editorRef.current = editor;

  // The parent clears the value after saving: reset the document then.
  useEffect(() => {
    if (editor && value === '' && !editor.isEmpty) editor.commands.clearContent();
  }, [value, editor]);

  return (
    <div style={{ position: 'relative' }}>
      <RichTextEditor editor={editor} data-testid={`${testId}-root`}>
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold title={t('activity.editor.bold')} />
            <RichTextEditor.Italic title={t('activity.editor.italic')} />
            <RichTextEditor.Strikethrough title={t('activity.editor.strike')} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList title={t('activity.editor.bulletList')} />
            <RichTextEditor.OrderedList title={t('activity.editor.orderedList')} />
            <RichTextEditor.Link title={t('activity.editor.link')} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Control
              onClick={() => editor?.chain().focus().insertContent(' @').run()}
              aria-label={t('activity.composer.mention')}
              title={t('activity.composer.mention')}
              data-testid="mention-button"
            >
              <IconAt size={16} stroke={1.5} />
            </RichTextEditor.Control>
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content mih={96} />
      </RichTextEditor>
      {mention && editor && (
        <Paper shadow="md" withBorder p={4} mt={4} maw={320} data-testid="mention-list" role="listbox"
          style={{ position: 'absolute', zIndex: 20, left: 8, top: '100%' }}>
          {matches.length === 0 ? (
            <Text size="sm" c="dimmed" p={6}>{t('activity.composer.noPeople')}</Text>
          ) : matches.map((p, i) => (
            <UnstyledButton key={p.id} display="block" w="100%" p={6} role="option" aria-selected={i === active}
              style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-blue-light)' : undefined }}
              onMouseDown={(e) => { e.preventDefault(); insert(editor, p, mention); }} data-testid="mention-option">
              <Text size="sm" fw={500}>{p.name}</Text>
              {p.email && <Text size="xs" c="dimmed">{p.email}</Text>}
            </UnstyledButton>
          ))}
        </Paper>
      )}
    </div>
  );
}
