import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('a configured secret of enough length');

  it('should open what it sealed, and seal the same text differently each time', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('should refuse a box sealed with another key, or tampered with', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(() => new SecretBox('another secret of enough length!!').open(sealed)).toThrow();
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => box.open('garbage')).toThrow('not a sealed secret');
  });
});
