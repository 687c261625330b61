/**
 * The rich-text note editor, loaded on first use: tiptap, ProseMirror and @mantine/tiptap are about 110 kB
 * gzipped, and a record page without an open note composer does not need them (web/budgets.json).
 * Same props as ./NoteEditor; a skeleton of the editor's height shows while the chunk loads.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '@mantine/core';
import type { NoteEditor as Editor } from './NoteEditor';

const LazyEditor = lazy(async () => ({ default: (await import('./NoteEditor')).NoteEditor }));

export function NoteEditor(props: ComponentProps<typeof Editor>) {
  return (
    <Suspense fallback={<Skeleton height={120} radius="sm" />}>
      <LazyEditor {...props} />
    </Suspense>
  );
}
