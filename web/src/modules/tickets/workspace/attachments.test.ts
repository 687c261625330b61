import { describe, expect, it } from 'vitest';
import { composerFileProblem, MAX_FILES } from './attachments';

const MiB = 1024 * 1024;

describe('composer file checks', () => {
  it('takes a file within the limits', () => {
    expect(composerFileProblem([], { size: 10 * MiB })).toBeNull();
    expect(composerFileProblem([{ size: 5 * MiB }, { size: 5 * MiB }], { size: 5 * MiB })).toBeNull();
  });
  it('refuses a file over the per-file limit, an extra file, and a total over 25 MiB', () => {
    expect(composerFileProblem([], { size: 10 * MiB + 1 })).toBe('tooLarge');
    expect(composerFileProblem([], { size: 200 }, 100)).toBe('tooLarge');
    expect(composerFileProblem(Array.from({ length: MAX_FILES }, () => ({ size: 1 })), { size: 1 })).toBe('tooMany');
    expect(composerFileProblem([{ size: 10 * MiB }, { size: 10 * MiB }], { size: 6 * MiB })).toBe('totalTooLarge');
  });
});
