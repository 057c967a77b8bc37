// The desktop shell's start-up reading, without Electron: which review file it was opened on (file
// association, second start, command line) and which pages count as the app's own (only those may call
// the backend or be navigated to). Also that the package associates the review file's extension.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, isAppUrl, isReviewFile, reviewArgument, serverArgument } from '../../electron/main/launch';
import { REVIEW_FILE_EXTENSION } from '../../shared/review/review-file';

describe('the review file the app was opened on', () => {
  it('finds it after the program, in any case, and skips flags and the app folder', () => {
    expect(reviewArgument(['C:\\Program Files\\Uitstroomtafel\\Uitstroomtafel.exe', 'D:\\Mail\\ronde-3 Flevomeer.beoordeling'])).toBe('D:\\Mail\\ronde-3 Flevomeer.beoordeling');
    expect(reviewArgument(['/usr/bin/electron', '.', '--no-sandbox', '/home/lies/RONDE.BEOORDELING'])).toBe('/home/lies/RONDE.BEOORDELING');
    // A second start on Windows passes Chromium's own flags along with the file.
    expect(reviewArgument(['app.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'x.beoordeling'])).toBe('x.beoordeling');
    expect(reviewArgument(['app.exe', '--open=x.beoordeling'])).toBeNull();
  });

  it('finds none on a plain start or for other files', () => {
    expect(reviewArgument(['app.exe'])).toBeNull();
    expect(reviewArgument(['app.exe', 'besluiten.json', 'notities.beoordeling.txt'])).toBeNull();
    // The program itself is never taken for a review file.
    expect(reviewArgument(['/tmp/rare.beoordeling'])).toBeNull();
    expect(isReviewFile('/Users/lies/Downloads/Ronde 3.Beoordeling')).toBe(true);
    expect(isReviewFile('/Users/lies/beoordeling')).toBe(false);
  });

  it('is the extension the installer associates with the app', () => {
    const yml = readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8');
    const associations = yml.slice(yml.indexOf('fileAssociations:'));
    expect(associations).toMatch(new RegExp(`- ext: ${REVIEW_FILE_EXTENSION}\\n`));
  });
});

describe("the app's own pages", () => {
  const indexFile = join('/opt', 'Uitstroomtafel', 'resources', 'app.asar', 'out', 'renderer', 'index.html');
  const own = { indexFile };

  it('is exactly the built renderer file, with any route', () => {
    expect(isAppUrl(`${pathToFileURL(indexFile).href}#/beoordelen`, own)).toBe(true);
    expect(isAppUrl(pathToFileURL(indexFile).href, own)).toBe(true);
  });

  it('is not another renderer/index.html on the disk, nor any web page', () => {
    expect(isAppUrl(pathToFileURL('/tmp/download/renderer/index.html').href, own)).toBe(false);
    expect(isAppUrl('https://example.org/renderer/index.html', own)).toBe(false);
    expect(isAppUrl('not a url', own)).toBe(false);
  });

  it("in development is the dev server's origin, not an address that only starts with it", () => {
    const dev = { devUrl: 'http://localhost:5173', indexFile };
    expect(isAppUrl('http://localhost:5173/#/kandidaten', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173.example.org/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isAppUrl(pathToFileURL(indexFile).href, dev)).toBe(false);
  });
});

describe('the regional server the desktop app opens', () => {
  it('is none by default: the local database', () => {
    expect(serverArgument(['app.exe'], {})).toBeNull();
    expect(serverArgument(['app.exe', 'x.beoordeling'], { [SERVER_ENV]: '' })).toBeNull();
  });

  it('comes from --server URL, --server=URL or UITSTROOMTAFEL_SERVER, as its origin', () => {
    expect(serverArgument(['app.exe', '--server', 'https://uitstroom.regio.nl/'], {})).toBe('https://uitstroom.regio.nl');
    expect(serverArgument(['app.exe', '--server=https://uitstroom.regio.nl:8443/kandidaten'], {})).toBe('https://uitstroom.regio.nl:8443');
    expect(serverArgument(['app.exe'], { [SERVER_ENV]: 'https://uitstroom.regio.nl' })).toBe('https://uitstroom.regio.nl');
    // The command line wins over the environment.
    expect(serverArgument(['app.exe', '--server', 'https://a.example'], { [SERVER_ENV]: 'https://b.example' })).toBe('https://a.example');
    // Plain HTTP only to this machine itself.
    expect(serverArgument(['app.exe', '--server', 'http://127.0.0.1:8080'], {})).toBe('http://127.0.0.1:8080');
  });

  it('refuses an address that is none, or plain HTTP to another machine, saying where', () => {
    expect(() => serverArgument(['app.exe', '--server', 'uitstroom'], {})).toThrow("--server: 'uitstroom' is geen adres");
    expect(() => serverArgument(['app.exe', '--server'], {})).toThrow("--server: '' is geen adres");
    expect(() => serverArgument(['app.exe'], { [SERVER_ENV]: 'http://uitstroom.regio.nl' })).toThrow(`${SERVER_ENV}: 'http://uitstroom.regio.nl' gebruikt geen HTTPS`);
  });

  it("makes the server's pages the app's own, and nothing else", () => {
    const own = { indexFile: join('/opt', 'app', 'out', 'renderer', 'index.html'), serverOrigin: 'https://uitstroom.regio.nl' };
    expect(isAppUrl('https://uitstroom.regio.nl/#/kandidaten', own)).toBe(true);
    expect(isAppUrl('https://uitstroom.regio.nl.example.org/', own)).toBe(false);
    expect(isAppUrl('http://uitstroom.regio.nl/', own)).toBe(false);
    expect(isAppUrl(pathToFileURL(own.indexFile).href, own)).toBe(false);
  });
});
