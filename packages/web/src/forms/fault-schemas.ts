import { useEffect, useState } from 'react';
import { listFaultTypes } from '../api/live.js';
import type { FaultParameter, FaultType, JsonSchema } from '../api/types.js';
import { faultSchemas as localFaultSchemas } from './schemas.js';

/** A fault parameter as a form field. */
export function schemaOfParameter(p: FaultParameter): JsonSchema {
  const base = { description: p.description, ...(p.default === undefined ? {} : { default: p.default }) };
  switch (p.kind) {
    case 'service':
      return { ...base, type: 'string', format: 'service' };
    case 'service-groups':
      return { ...base, format: 'groups' };
    case 'duration':
      return { ...base, type: ['string', 'number'], format: 'duration' };
    case 'distribution':
      return { ...base, format: 'distribution' };
    case 'probability':
      return { ...base, type: 'number', minimum: 0, maximum: 1 };
    case 'fraction':
      return { ...base, type: 'number', exclusiveMinimum: 0, maximum: 1 };
    case 'count':
      return { ...base, type: 'integer', minimum: 1 };
    case 'choice':
      return { ...base, type: 'string', enum: p.choices ?? [] };
  }
}

// What is asked first: what the fault hits, then how, then when.
const ORDER = ['target', 'from', 'to', 'between', 'instances'];
const WHEN = ['at', 'duration'];
const rank = (name: string) =>
  ORDER.includes(name) ? ORDER.indexOf(name) : WHEN.includes(name) ? 100 + WHEN.indexOf(name) : 50;

/** A fault type from GET /fault-types as the form's JSON Schema. */
export function schemaOfFaultType(ft: FaultType): JsonSchema {
  const parameters = [...ft.parameters].sort((a, b) => rank(a.name) - rank(b.name));
  return {
    type: 'object',
    title: ft.type,
    description: ft.description,
    properties: Object.fromEntries(parameters.map((p) => [p.name, schemaOfParameter(p)])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
  };
}

/**
 * The fault forms' schemas: the server's fault catalog (GET /fault-types) once it has answered,
 * so a parameter the server adds shows up without a UI release; the built-in ones until then.
 */
export function useFaultSchemas(): Readonly<Record<string, JsonSchema>> {
  const [schemas, setSchemas] = useState<Readonly<Record<string, JsonSchema>>>(localFaultSchemas);
  useEffect(() => {
    let live = true;
    listFaultTypes().then(
      (types) => {
        if (live && types.length)
          setSchemas(Object.fromEntries(types.map((t) => [t.type, schemaOfFaultType(t)])));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return schemas;
}
