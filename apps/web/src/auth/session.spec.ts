import { acceptCookieSession, clearSession, hasCookieSession, noteActivity, sessionHeaders } from './session';

// The browser's half of the cookie session (issue 21, ADR 0043): the CSRF token only in memory and
// only on state-changing requests; the idle time the api counts against SESSION_IDLE_TIMEOUT_SECONDS.
describe('cookie session headers', () => {
  afterEach(() => clearSession());

  it('sends nothing without a session', () => {
    expect(sessionHeaders('POST')).toEqual({});
  });

  it('sends the CSRF token with state-changing requests only, and the seconds since the last click', () => {
    acceptCookieSession('csrf-1');
    noteActivity(1_000_000);
    expect(hasCookieSession()).toBe(true);
    expect(sessionHeaders('GET', 1_000_000 + 42_500)).toEqual({ 'X-Idle-Seconds': '42' });
    expect(sessionHeaders('POST', 1_000_000)).toEqual({ 'X-CSRF-Token': 'csrf-1', 'X-Idle-Seconds': '0' });
    expect(sessionHeaders('DELETE', 1_000_000)['X-CSRF-Token']).toBe('csrf-1');
  });

  it('forgets the token when the session ends', () => {
    acceptCookieSession('csrf-1');
    clearSession();
    expect(hasCookieSession()).toBe(false);
    expect(sessionHeaders('POST')).toEqual({});
  });
});
