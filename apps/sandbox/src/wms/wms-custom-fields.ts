/**
 * The custom fields the simulated WMS has defined for SKUs. The document references
 * `SERVICE_TYPE=CUSTOMER_FIELD_QUERY` as the source of `customFieldId` but does not document it,
 * so the sandbox holds a fixed set; README lists the ids for callers.
 */
export interface WmsCustomFieldDefinition {
  readonly customFieldId: number;
  readonly tableName: 'SYS_ITEM';
  readonly columType: 'NUMBER' | 'DATE' | 'STRING' | 'SELECT';
  readonly columName: string;
  readonly defaultValue?: string;
  /** JSON-encoded list, as the document's sample shows a list in a String field (catalogue ambiguity 17). */
  readonly candidateValue?: string;
  readonly remark?: string;
  readonly required: 0 | 1;
  readonly isQuery: 0 | 1;
  readonly isShow: 0 | 1;
}

export const WMS_CUSTOM_FIELDS: readonly WmsCustomFieldDefinition[] = [
  {
    customFieldId: 1,
    tableName: 'SYS_ITEM',
    columType: 'DATE',
    columName: 'Date of manufacture',
    defaultValue: '1970/01/01',
    remark: 'The shelf date is distinguished from the date of manufacture',
    required: 0,
    isQuery: 1,
    isShow: 1,
  },
  { customFieldId: 2, tableName: 'SYS_ITEM', columType: 'NUMBER', columName: 'Shelf life (days)', required: 0, isQuery: 1, isShow: 1 },
  { customFieldId: 3, tableName: 'SYS_ITEM', columType: 'STRING', columName: 'Buyer', required: 0, isQuery: 1, isShow: 1 },
  {
    customFieldId: 4,
    tableName: 'SYS_ITEM',
    columType: 'SELECT',
    columName: 'Storage',
    candidateValue: '["AMBIENT","CHILLED","FROZEN"]',
    defaultValue: 'AMBIENT',
    required: 0,
    isQuery: 1,
    isShow: 1,
  },
];

const DATE = /^(\d{4})[/-](\d{2})[/-](\d{2})$/;

export function findCustomField(id: number): WmsCustomFieldDefinition | undefined {
  return WMS_CUSTOM_FIELDS.find((field) => field.customFieldId === id);
}

/** Candidate values of a SELECT field. */
export function candidatesOf(field: WmsCustomFieldDefinition): string[] {
  if (field.candidateValue === undefined) return [];
  const parsed: unknown = JSON.parse(field.candidateValue);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

/** Why `value` does not fit the field, or undefined when it does. */
export function customFieldValueProblem(field: WmsCustomFieldDefinition, value: string): string | undefined {
  switch (field.columType) {
    case 'NUMBER':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : 'must be a number';
    case 'DATE':
      return DATE.test(value) ? undefined : 'must be a date yyyy/MM/dd';
    case 'SELECT':
      return candidatesOf(field).includes(value) ? undefined : `must be one of ${candidatesOf(field).join(', ')}`;
    case 'STRING':
      return value.length <= 255 ? undefined : 'must be at most 255 characters';
  }
}

/** Comparable form of a NUMBER or DATE value (dates as yyyyMMdd), for range search. */
export function comparableValue(field: WmsCustomFieldDefinition, value: string): number | undefined {
  if (field.columType === 'NUMBER') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
  const match = DATE.exec(value);
  return match === null ? undefined : Number(`${match[1]}${match[2]}${match[3]}`);
}
