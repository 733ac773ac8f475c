import { createRootLogger } from './root-logger';

function capture(): { lines: Record<string, unknown>[]; write(line: string): void } {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (line: string) => void lines.push(JSON.parse(line)) };
}

describe('createRootLogger', () => {
  it('should redact credentials and passwords wherever they are logged', () => {
    const stream = capture();
    createRootLogger({ level: 'info', pretty: false, stream }).info(
      {
        req: { method: 'POST', headers: { authorization: 'Token abc', cookie: 's=1', accept: '*/*' } },
        headers: { authorization: 'Bearer abc' },
        password: 'p0',
        user: { email: 'jake@example.com', password: 'p1', token: 't1' },
        body: { user: { password: 'p2' } },
        request: { body: { user: { password: 'p3' } } },
      },
      'hello',
    );
    const [line] = stream.lines;
    const text = JSON.stringify(line);
    for (const secret of ['Token abc', 's=1', 'Bearer abc', 'p0', 'p1', 'p2', 'p3', 't1'])
      expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      msg: 'hello',
      req: { method: 'POST', headers: { authorization: '[redacted]', accept: '*/*' } },
      user: { email: 'jake@example.com', password: '[redacted]' },
    });
  });

  it('should write nothing below its level, and nothing at all when silent', () => {
    const info = capture();
    const logger = createRootLogger({ level: 'warn', pretty: false, stream: info });
    logger.info('quiet');
    logger.warn('loud');
    expect(info.lines.map((line) => line.msg)).toEqual(['loud']);
    const silent = capture();
    createRootLogger({ level: 'silent', pretty: false, stream: silent }).fatal('nothing');
    expect(silent.lines).toEqual([]);
  });
});
