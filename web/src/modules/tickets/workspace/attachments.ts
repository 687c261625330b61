/** The composer's file checks (ComposerAttachments.tsx), kept apart to be tested without a DOM. */
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../../../../contracts/activities';

export const MAX_FILES = 10;
/** The files of one message together: the route's body limit (40 MiB) holds them as base64 with room to spare. */
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;

/**
 * Why `file` cannot join `files`, or null.
 * @example composerFileProblem([], { size: 11 * 1024 * 1024 }) // 'tooLarge'
 */
export function composerFileProblem(files: { size: number }[], file: { size: number }, maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES): 'tooLarge' | 'tooMany' | 'totalTooLarge' | null {
  if (file.size > maxBytes) return 'tooLarge';
  if (files.length >= MAX_FILES) return 'tooMany';
  if (files.reduce((s, f) => s + f.size, 0) + file.size > MAX_TOTAL_BYTES) return 'totalTooLarge';
  return null;
}
