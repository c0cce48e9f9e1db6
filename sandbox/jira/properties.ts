/** Entity property rules shared by the property routes and issue create/edit. */
import { isObject } from './context';

export const MAX_PROPERTY_KEY_LENGTH = 255;
/** Jira Cloud stores entity property values of up to 32 KB. */
export const MAX_PROPERTY_VALUE_BYTES = 32768;

/** The problem with a property, or null when Jira would store it. */
export function validateProperty(key: unknown, value: unknown): string | null {
  if (typeof key !== 'string' || key.trim() === '') return 'The property key must be specified.';
  if (key.length > MAX_PROPERTY_KEY_LENGTH) {
    return `The property key cannot be longer than ${MAX_PROPERTY_KEY_LENGTH} characters.`;
  }
  if (value === undefined) return 'The property value must be specified.';
  const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (size > MAX_PROPERTY_VALUE_BYTES) {
    return `The property value is too large: ${size} bytes (the maximum is ${MAX_PROPERTY_VALUE_BYTES}).`;
  }
  return null;
}

/**
 * The `properties` of a create or edit body, each checked: a problem goes to `errors.properties`
 * (the last one found). The caller sets the returned properties once the whole request is valid.
 */
export function bodyProperties(
  body: Record<string, unknown>,
  errors: Record<string, string>,
): { key: string; value: unknown }[] {
  const properties: unknown[] = Array.isArray(body['properties']) ? body['properties'] : [];
  const valid: { key: string; value: unknown }[] = [];
  for (const property of properties) {
    if (!isObject(property)) {
      errors['properties'] = 'An issue property must be an object.';
      continue;
    }
    const problem = validateProperty(property['key'], property['value']);
    if (problem) errors['properties'] = problem;
    else valid.push({ key: String(property['key']), value: property['value'] });
  }
  return valid;
}
