import { HubUnderTest, startHubUnderTest } from '../support/hub-under-test';

describe('hub roles', () => {
  let worker: HubUnderTest;

  beforeAll(async () => {
    worker = await startHubUnderTest({ HUB_ROLE: 'worker' });
  });
  afterAll(() => worker.close());

  it('a worker answers /health for its orchestrator', async () => {
    expect((await worker.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('a worker does not serve the REST API, even to a valid key', async () => {
    const res = await worker.inject({ url: '/api/v1/orders', key: worker.adminKey });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
