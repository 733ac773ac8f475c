import { generate } from 'otplib';
import { acceptedStep, currentTotpCode, newTotpSecret, totpQrCode, totpUri } from './totp';

/** The RFC 6238 test secret ("12345678901234567890") in base32. */
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** Ten seconds into a 30-second step, so that no code sits on a step boundary. */
const NOW = new Date('2026-04-01T09:00:10.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const STEP = Math.floor(NOW_SECONDS / 30);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The code an authenticator app shows `steps` time steps away from now. */
const codeAt = (steps: number, secret = SECRET): Promise<string> =>
  generate({ secret, epoch: NOW_SECONDS + steps * 30 });

describe('totp', () => {
  beforeEach(() => {
    // Only the clock is frozen: otplib reads Date.now(), the promises around it keep running.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('acceptedStep', () => {
    it("should answer the current step for the current code, and the next step for the next step's code", async () => {
      expect(await acceptedStep(SECRET, await codeAt(0), 0)).toBe(STEP);
      expect(await acceptedStep(SECRET, await codeAt(1), 0)).toBe(STEP + 1);
    });

    it('should accept the code of the previous step too', async () => {
      expect(await acceptedStep(SECRET, await codeAt(-1), 0)).toBe(STEP - 1);
    });

    it('should refuse the code of two steps ahead or two steps back', async () => {
      expect(await acceptedStep(SECRET, await codeAt(2), 0)).toBeNull();
      expect(await acceptedStep(SECRET, await codeAt(-2), 0)).toBeNull();
    });

    it('should refuse a code of another secret', async () => {
      expect(await acceptedStep(SECRET, await codeAt(0, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), 0)).toBeNull();
    });

    it('should refuse a code whose step is not later than the last one used', async () => {
      const code = await codeAt(0);
      expect(await acceptedStep(SECRET, code, STEP)).toBeNull();
      expect(await acceptedStep(SECRET, code, STEP + 1)).toBeNull();
      expect(await acceptedStep(SECRET, await codeAt(-1), STEP - 1)).toBeNull();
      expect(await acceptedStep(SECRET, code, STEP - 1)).toBe(STEP);
    });

    it('should still accept the next step after the current one was used', async () => {
      expect(await acceptedStep(SECRET, await codeAt(1), STEP)).toBe(STEP + 1);
    });

    it.each(['', '12345', '1234567', 'abcdef', '12 345', ' 123456', '123456\n', '１２３４５６'])(
      'should refuse %j without throwing',
      async (input) => {
        await expect(acceptedStep(SECRET, input, 0)).resolves.toBeNull();
      },
    );

    it('should refuse the right code with a space around it', async () => {
      expect(await acceptedStep(SECRET, ` ${await codeAt(0)}`, 0)).toBeNull();
    });
  });

  describe('newTotpSecret', () => {
    it('should answer a new base32 secret of 160 bits each time', () => {
      const secret = newTotpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(newTotpSecret()).not.toBe(secret);
    });
  });

  describe('currentTotpCode', () => {
    it('should answer the code of the current step', async () => {
      expect(await currentTotpCode(SECRET)).toBe(await codeAt(0));
      expect(await acceptedStep(SECRET, await currentTotpCode(SECRET), 0)).toBe(STEP);
    });
  });

  describe('totpUri', () => {
    it('should name Folio as issuer and the account as label, with the secret', () => {
      const uri = totpUri(SECRET, 'jake@example.com');
      expect(uri).toMatch(/^otpauth:\/\/totp\/Folio:jake%40example\.com\?/);
      const query = new URL(uri).searchParams;
      expect(query.get('secret')).toBe(SECRET);
      expect(query.get('issuer')).toBe('Folio');
    });

    it('should leave out what authenticator apps assume (SHA-1, 6 digits, 30 s) or state exactly that', () => {
      const query = new URL(totpUri(SECRET, 'jake@example.com')).searchParams;
      expect([null, 'SHA1']).toContain(query.get('algorithm'));
      expect([null, '6']).toContain(query.get('digits'));
      expect([null, '30']).toContain(query.get('period'));
    });
  });

  describe('totpQrCode', () => {
    it('should answer a PNG data URL', async () => {
      const dataUrl = await totpQrCode(totpUri(SECRET, 'jake@example.com'));
      expect(dataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
      const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    });

    it('should draw different URIs differently', async () => {
      expect(await totpQrCode(totpUri(SECRET, 'jake@example.com'))).not.toBe(
        await totpQrCode(totpUri(SECRET, 'jacob@example.com')),
      );
    });
  });
});
