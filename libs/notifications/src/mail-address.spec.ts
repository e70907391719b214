import { resolveRecipients } from './mail-address';

describe('resolveRecipients', () => {
  it('turns usernames into addresses of the domain and keeps addresses', () => {
    expect(
      resolveRecipients(
        ['ledning', 'Nämnd@Exempel.se', 'enhetschef.ekbacken', 'ledning'],
        'exempelkommun.se',
      ),
    ).toEqual({
      addresses: ['ledning@exempelkommun.se', 'nämnd@exempel.se', 'enhetschef.ekbacken@exempelkommun.se'],
      usernames: ['ledning', 'enhetschef.ekbacken'],
    });
  });

  it('refuses an empty list and malformed entries', () => {
    expect(() => resolveRecipients([], 'x.se')).toThrow('saknar mottagare');
    expect(() => resolveRecipients(['två ord'], 'x.se')).toThrow('Ogiltig mottagare');
  });
});
