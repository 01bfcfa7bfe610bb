import { readPilotCallbackSettings } from './nomad-pilot.callback-settings';
import { readNomadPilotSettings } from './nomad-pilot.settings';

describe('Pilot callback settings', () => {
  it('reads the stores, the callback key and an optional signature', () => {
    const { settings, problems } = readPilotCallbackSettings({
      options: { callbackStores: ['haiku', 'samarkand.sfexpress.test'], callbackSignature: 'md5' },
      credentials: { callbackKey: 'k', callbackSecret: 's' },
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({ stores: ['haiku', 'samarkand.sfexpress.test'], key: 'k', signature: 'md5', signatureSecret: 's' });
  });

  it('receives nothing when no store is configured', () => {
    expect(readPilotCallbackSettings({ options: {}, credentials: {} })).toEqual({
      settings: { stores: [], signature: 'none' },
      problems: [],
    });
  });

  it('names every bad callback setting, and the connection settings refuse them too', () => {
    const { problems } = readPilotCallbackSettings({
      options: { callbackStores: ['ok', 'has/slash'], callbackSignature: 'sha1' },
      credentials: {},
    });
    expect(problems).toEqual([expect.stringContaining('options.callbackStores'), expect.stringContaining('options.callbackSignature')]);
    expect(
      readPilotCallbackSettings({ options: { callbackStores: ['haiku'], callbackSignature: 'md5' }, credentials: {} }).problems,
    ).toEqual([
      'credentials.callbackKey is required with options.callbackStores',
      'credentials.callbackSecret is required with options.callbackSignature',
    ]);
    expect(() =>
      readNomadPilotSettings({
        name: 'pilot-x',
        provider: 'nomad-pilot',
        baseUrl: 'http://pilot',
        credentials: { caKey: 'k' },
        options: { carrier: 'samarkand.sfexpress.test', callbackStores: ['haiku'] },
      }),
    ).toThrow(/pilot-x: credentials.callbackKey is required/);
  });
});
