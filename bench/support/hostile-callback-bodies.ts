/**
 * The hostile callback bodies of issue 7 (and a few of the same families), in one table shared by
 * the end-to-end test (each must be a 4xx, memory bounded) and the benchmark (each must be
 * answered within 100 ms).
 */
export interface HostileBody {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
  /** The answer the receiver must give with the default limits (1 MiB). */
  readonly status: 400 | 413;
}

const MB = 1024 * 1024;
const deliveryOrder = (code: string): string => `<deliveryOrderCode>${code}</deliveryOrderCode><status>DELIVERED</status>`;

export function hostileCallbackBodies(): readonly HostileBody[] {
  const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('');
  return [
    {
      name: 'billion laughs',
      contentType: 'application/xml',
      body: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${laughs}]><deliveryOrder>${deliveryOrder('&lol9;')}</deliveryOrder>`,
      status: 400,
    },
    {
      name: 'quadratic blow-up',
      contentType: 'application/xml',
      body: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${'a'.repeat(50_000)}">]><deliveryOrder>${deliveryOrder('&a;'.repeat(50_000))}</deliveryOrder>`,
      status: 400,
    },
    {
      name: 'external entity (XXE)',
      contentType: 'text/xml',
      body: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><deliveryOrder>${deliveryOrder('&xxe;')}</deliveryOrder>`,
      status: 400,
    },
    {
      name: 'external DTD',
      contentType: 'text/xml',
      body: '<?xml version="1.0"?><!DOCTYPE deliveryOrder SYSTEM "http://127.0.0.1:1/evil.dtd"><deliveryOrder/>',
      status: 400,
    },
    {
      name: 'external parameter entity',
      contentType: 'text/xml',
      body: '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]><deliveryOrder/>',
      status: 400,
    },
    {
      name: '10,000-deep XML nesting',
      contentType: 'application/xml',
      body: `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`,
      status: 400,
    },
    {
      name: '10,000-deep JSON nesting',
      contentType: 'application/json',
      body: `${'{"deliveryOrder":'.repeat(10_000)}{}${'}'.repeat(10_000)}`,
      status: 400,
    },
    {
      name: '100,000 attributes',
      contentType: 'application/xml',
      body: `<deliveryOrder ${'a="1" '.repeat(100_000)}>${deliveryOrder('1')}</deliveryOrder>`,
      status: 400,
    },
    { name: '30,000 elements', contentType: 'application/xml', body: `<request>${'<x/>'.repeat(30_000)}</request>`, status: 400 },
    { name: 'a 20 MB body', contentType: 'application/xml', body: `<request>${'x'.repeat(20 * MB)}</request>`, status: 413 },
    {
      name: '__proto__ holding the whole callback',
      contentType: 'application/json',
      body: '{"__proto__":{"deliveryOrder":{"deliveryOrderCode":"P-1","status":"DELIVERED"}}}',
      status: 400,
    },
    {
      name: '__proto__ holding the delivery order fields',
      contentType: 'application/json',
      body: '{"deliveryOrder":{"__proto__":{"deliveryOrderCode":"P-2","status":"DELIVERED"}}}',
      status: 400,
    },
    {
      name: 'truncated XML',
      contentType: 'application/xml',
      body: `<?xml version="1.0"?><request><deliveryOrder>${deliveryOrder('T-1')}</deliveryOrder><packages><package><expressCode>SF1`,
      status: 400,
    },
    {
      name: 'truncated JSON',
      contentType: 'application/json',
      body: '{"deliveryOrder":{"deliveryOrderCode":"T-2","status":"DELIVERED","confirmType":"0"},"packages":[{"expressCode":"SF',
      status: 400,
    },
    {
      name: 'an unterminated string of 400,000 escaped quotes',
      contentType: 'application/json',
      body: `{"deliveryOrder":{"deliveryOrderCode":"${'\\"'.repeat(400_000)}`,
      status: 400,
    },
  ];
}
