import { cleanFileName } from './clean-file-name';

describe('an attachment file name (issue 21)', () => {
  it('keeps a name people gave, åäö included', () => {
    expect(cleanFileName('Läkemedelslista rum 12.jpg', 'image/jpeg')).toBe('Läkemedelslista rum 12.jpg');
  });

  it('drops a path, control characters and quotes', () => {
    expect(cleanFileName('C:\\Users\\anna\\brev.pdf', 'application/pdf')).toBe('brev.pdf');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n"c".pdf', 'application/pdf')).toBe('abc.pdf');
  });

  it('names a file that has no name by what it is', () => {
    expect(cleanFileName('', 'image/png')).toBe('bild.png');
    expect(cleanFileName('  ', 'application/pdf')).toBe('dokument.pdf');
  });

  it('keeps at most the last 200 characters, so the extension stays', () => {
    const name = cleanFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
