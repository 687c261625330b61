/** The poll interval's cron pattern and the readable IMAP errors kept on a mailbox. */
import { describe, expect, it } from 'vitest';
import { describeImapError, pollCron } from './tickets.imap.js';

describe('IMAP polling settings', () => {
  it('turns KITH_IMAP_POLL_SECONDS into a cron pattern, refusing nonsense', () => {
    expect(pollCron({})).toBe('*/1 * * * *');
    expect(pollCron({ KITH_IMAP_POLL_SECONDS: '30' })).toBe('*/30 * * * * *');
    expect(pollCron({ KITH_IMAP_POLL_SECONDS: '300' })).toBe('*/5 * * * *');
    for (const bad of ['5', '3601', 'often', '12.5']) expect(() => pollCron({ KITH_IMAP_POLL_SECONDS: bad })).toThrow(/KITH_IMAP_POLL_SECONDS/);
  });

  it('says why a poll failed in a few words', () => {
    expect(describeImapError({ authenticationFailed: true, responseText: 'Authentication failed.' })).toBe('authentication failed: Authentication failed.');
    expect(describeImapError({ serverResponseCode: 'NONEXISTENT', responseText: 'Mailbox doesn\'t exist: Support' })).toBe('folder not found: Mailbox doesn\'t exist: Support');
    expect(describeImapError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('connect ECONNREFUSED 127.0.0.1:1');
    expect(describeImapError(Object.assign(new Error('Timeout'), { code: 'CONNECT_TIMEOUT' }))).toBe('CONNECT_TIMEOUT: Timeout');
  });
});
