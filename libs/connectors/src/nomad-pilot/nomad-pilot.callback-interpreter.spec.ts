import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UninterpretableCallback } from '@serai/engine/ports';
import { NomadPilotCallbackInterpreter } from './nomad-pilot.capabilities';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('Pilot delivery-order callbacks as canonical shipments (the engine port)', () => {
  const interpreter = new NomadPilotCallbackInterpreter();

  it('reads the QiMen-style partial delivery as one partial parcel with its package items', () => {
    const result = interpreter.interpretCallback(fixture('callback-qimen-partdelivered.request.xml'));
    expect(result.externalOrderNumber).toBe('TM20240901001');
    expect(result.sourceStatus).toBe('PARTDELIVERED');
    expect(result.shipments).toEqual([
      expect.objectContaining({
        externalOrderNumber: 'TM20240901001',
        carrierCode: 'SF',
        trackingNumber: 'SF1035215690597',
        status: 'shipped',
        partial: true,
        lines: [
          { sku: 'M-SKU-A', quantity: 1 },
          { sku: 'M-SKU-B', quantity: 1 },
        ],
      }),
    ]);
  });

  it('reads a whole delivery in JSON as one complete parcel', () => {
    const [parcel] = interpreter.interpretCallback(fixture('callback-delivered.request.json')).shipments;
    expect(parcel).toMatchObject({ status: 'shipped', partial: false, trackingNumber: 'SF1025950147480' });
  });

  it('refuses an undocumented status and an unreadable body as uninterpretable, naming the problem', () => {
    const unknown = fixture('callback-delivered.request.json').replace('"DELIVERED"', '"TELEPORTED"');
    expect(() => interpreter.interpretCallback(unknown)).toThrow(UninterpretableCallback);
    expect(() => interpreter.interpretCallback(unknown)).toThrow(/TELEPORTED/);
    expect(() => interpreter.interpretCallback('<request><nothing/></request>')).toThrow(
      expect.objectContaining({ name: 'UninterpretableCallback', code: 'INVALID_BODY' }),
    );
  });
});
