// The STIX 2.1 TLP marking-definition ids (STIX 2.1 §7.2.1.4; reference ti-fixtures/stix). TLP 2.0's
// AMBER+STRICT has no id in the STIX specification; this is the one OpenCTI publishes and
// misp2sentinel reads.
import type { Tlp } from '../model/types.js';

export const TLP_MARKINGS: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'amber+strict': 'marking-definition--826578e1-40ad-459f-bc73-ede076f81f37',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};
