import { totalmem } from 'node:os';

const MB = 1024 * 1024;

/**
 * PostgreSQL's default shared_buffers (128 MB) is sized for the smallest machines: with a store of
 * a million orders, pages read again and again come from the operating system's cache at a copy
 * each. The embedded server takes the usual quarter of memory instead, kept between that default
 * and 1 GB, as it shares the machine with the hub (and, on a laptop, everything else).
 */
export function embeddedSharedBuffersMb(totalMemoryBytes: number = totalmem()): number {
  return Math.max(128, Math.min(1024, Math.floor(totalMemoryBytes / 4 / MB)));
}

/** The server flags of the embedded PostgreSQL. */
export function embeddedServerFlags(totalMemoryBytes?: number): string[] {
  return [
    '-c',
    'listen_addresses=localhost',
    '-c',
    'max_connections=200',
    '-c',
    `shared_buffers=${embeddedSharedBuffersMb(totalMemoryBytes)}MB`,
  ];
}
