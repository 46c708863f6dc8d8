import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _charset, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** A single-part plain-text message as nodemailer writes it. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const text = decodeBody(raw.slice(split + 4), headers['content-transfer-encoding']).replace(/\r\n/g, '\n').trimEnd();
  return { ...envelope, headers, subject: headers['subject'] ?? '', text };
}

/**
 * A real SMTP server in the test process (smtp-server, no TLS, any sender): what the API sends arrives
 * here. `refuseNext(n)` answers the next n messages with a temporary failure (451), as a busy relay does.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  refused = 0;
  private refusing = 0;
  private server: SMTPServer | null = null;
  port = 0;

  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (sink.refusing > 0) {
            sink.refusing--;
            sink.refused++;
            const error = new Error('try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          sink.mails.push(parseMail(Buffer.concat(chunks).toString('latin1'), envelope));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => sink.server?.listen(port, '127.0.0.1', () => resolve()));
    sink.port = ((sink.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuseNext(count: number): void {
    this.refusing = count;
  }

  /** Mails to `address`, waiting until there are at least `count` of them (start-up allowance only). */
  async mailsTo(address: string, count: number, timeoutMs = 30_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    const matching = () => this.mails.filter((m) => m.to.includes(address));
    while (matching().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return matching();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
