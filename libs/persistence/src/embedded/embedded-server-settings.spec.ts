import { embeddedServerFlags, embeddedSharedBuffersMb } from './embedded-server-settings';

const GB = 1024 * 1024 * 1024;

describe('embedded PostgreSQL settings', () => {
  it('gives shared_buffers a quarter of memory, never below PostgreSQL’s 128 MB default nor above 1 GB', () => {
    expect(embeddedSharedBuffersMb(0.25 * GB)).toBe(128);
    expect(embeddedSharedBuffersMb(2 * GB)).toBe(512);
    expect(embeddedSharedBuffersMb(24 * GB)).toBe(1024);
  });

  it('passes it to the server with the listen address and connection limit', () => {
    expect(embeddedServerFlags(2 * GB)).toEqual([
      '-c',
      'listen_addresses=localhost',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=512MB',
    ]);
  });
});
