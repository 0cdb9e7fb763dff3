// The STIX 2.1 TLP marking-definition ids (STIX 2.1 §7.2.1.4) and the AMBER+STRICT one OpenCTI
// publishes, as a TAXII server puts them in object_marking_refs.
export const TLP_IDS = {
  clear: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'amber+strict': 'marking-definition--826578e1-40ad-459f-bc73-ede076f81f37',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;
