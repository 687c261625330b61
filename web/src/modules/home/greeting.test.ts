import { describe, expect, it } from 'vitest';
import { greetPerson } from '../../../../contracts/person-names';
import { splitFullName, userCallName } from './greeting';

describe('userCallName', () => {
  it.each([
    ['Nguyễn Thị Lan', 'Lan'],
    ['Tran Minh Duc', 'Duc'],
    ['Henry Walker', 'Henry'],
    ['Mary Anne Smith', 'Mary'],
    ['Minh Anh Le', 'Anh'],
    ['John Nguyen', 'John'],
    ['王伟', '王伟'],
    ['Admin', 'Admin'],
  ])('%s → %s', (full, out) => expect(userCallName(full)).toBe(out));

  it('greets with the right part in either language', () => {
    expect(greetPerson('vi', { ...splitFullName('Nguyễn Thị Lan'), pronoun: 'chi' })).toBe('Chào chị Lan');
    expect(greetPerson('en', splitFullName('Henry Walker'))).toBe('Hi Henry');
  });
});
