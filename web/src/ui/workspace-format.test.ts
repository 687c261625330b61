import { afterEach, describe, expect, it } from 'vitest';
import { formatDateText, userDatePattern } from './dates';
import { setWorkspaceFormats, workspaceDatePattern, workspaceDecimal } from './workspace-format';

describe('workspace formats', () => {
  afterEach(() => {
    setWorkspaceFormats({ datePattern: null, decimal: null });
  });

  it('follow the language until the workspace sets a date pattern, which then wins for every language', () => {
    expect(userDatePattern('vi')).toBe('DD/MM/YYYY');
    expect(userDatePattern('en')).toBe('DD/MM/YYYY');
    expect(setWorkspaceFormats({ datePattern: 'YYYY-MM-DD', decimal: '.' })).toBe(true);
    expect(setWorkspaceFormats({ datePattern: 'YYYY-MM-DD', decimal: '.' })).toBe(false);
    expect(userDatePattern('vi')).toBe('YYYY-MM-DD');
    expect(userDatePattern('en')).toBe('YYYY-MM-DD');
    expect(formatDateText('1990-07-21', userDatePattern('en'))).toBe('1990-07-21');
    expect(workspaceDatePattern()).toBe('YYYY-MM-DD');
    expect(workspaceDecimal()).toBe('.');
    setWorkspaceFormats({ datePattern: 'MM/DD/YYYY', decimal: ',' });
    expect(formatDateText('1990-07-21', userDatePattern('vi'))).toBe('07/21/1990');
  });
});
