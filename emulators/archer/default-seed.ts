// The default Archer seed: the "Security Incidents" application with the ids the seed project used
// (level 232, fields 16132/16109/24188/16172/24194/24203/24189/24196/20741, values 201693/74226/201705/
// 282324/201697/201713) and a "Devices" application holding device record 3961286.
// Value labels are not in the seed project; the names below are ours, chosen to read naturally.
import type { ArcherSeed } from './seed-schema.js';

export const DEFAULT_USER = {
  userId: 206,
  instanceName: 'Archer',
  username: 'apiuser',
  userDomain: '',
  password: 'Archer-Emulator-1!',
} as const;

export const SECURITY_INCIDENTS_LEVEL = 232;
export const DEVICE_RECORD = 3961286;

export function defaultSeed(): ArcherSeed {
  return {
    users: [{ ...DEFAULT_USER }],
    applications: [
      {
        id: 433,
        name: 'Security Incidents',
        alias: 'Security_Incidents',
        levels: [
          {
            id: SECURITY_INCIDENTS_LEVEL,
            name: 'Security Incidents',
            alias: 'Security_Incidents',
            fields: [
              { id: 16132, name: 'Title', alias: 'Title', type: 1, isRequired: true },
              { id: 16109, name: 'Incident Description', alias: 'Incident_Description', type: 1 },
              {
                id: 24188,
                name: 'Incident Category',
                alias: 'Incident_Category',
                type: 4,
                valuesListId: 7001,
              },
              { id: 16172, name: 'Source', alias: 'Source', type: 4, valuesListId: 7002 },
              { id: 24194, name: 'Criticality SOC', alias: 'Criticality_SOC', type: 4, valuesListId: 7003 },
              { id: 24203, name: 'SIEM Name', alias: 'SIEM_Name', type: 4, valuesListId: 7004 },
              {
                id: 24189,
                name: 'Other Incident Related?',
                alias: 'Other_Incident_Related',
                type: 4,
                valuesListId: 7005,
              },
              {
                id: 24196,
                name: 'Impact to Business',
                alias: 'Impact_to_Business',
                type: 4,
                valuesListId: 7006,
              },
              { id: 20741, name: 'Related Device', alias: 'Related_Device', type: 9, relatedLevelId: 45 },
              { id: 16140, name: 'Reports Received', alias: 'Reports_Received', type: 2 },
              { id: 16141, name: 'Date Reported', alias: 'Date_Reported', type: 3 },
              { id: 16142, name: 'Evidence', alias: 'Evidence', type: 11 },
              { id: 16143, name: 'Sender IP', alias: 'Sender_IP', type: 19 },
              { id: 16144, name: 'Message ID', alias: 'Message_ID', type: 1 },
            ],
          },
        ],
      },
      {
        id: 71,
        name: 'Devices',
        alias: 'Devices',
        levels: [
          {
            id: 45,
            name: 'Devices',
            alias: 'Devices',
            fields: [{ id: 1810, name: 'Device Name', alias: 'Device_Name', type: 1, isRequired: true }],
          },
        ],
      },
    ],
    valuesLists: [
      list(7001, 'Incident Category', [
        [201693, 'Phishing'],
        [201694, 'Malware'],
        [201695, 'Denial of Service'],
      ]),
      list(7002, 'Source', [
        [74226, 'E-mail'],
        [74227, 'SIEM'],
        [74228, 'Phone'],
      ]),
      list(7003, 'Criticality SOC', [
        [201705, 'Low'],
        [201706, 'Medium'],
        [201707, 'High'],
      ]),
      list(7004, 'SIEM Name', [
        [282324, 'Not applicable'],
        [282325, 'QRadar'],
      ]),
      list(7005, 'Other Incident Related?', [
        [201697, 'No'],
        [201698, 'Yes'],
      ]),
      list(7006, 'Impact to Business', [
        [201713, 'None'],
        [201714, 'Low'],
        [201715, 'High'],
      ]),
    ],
    content: [{ id: DEVICE_RECORD, levelId: 45, fields: { '1810': 'ABUSE-MAILBOX-GW' } }],
  };
}

function list(id: number, name: string, values: Array<[number, string]>) {
  return { id, name, values: values.map(([vid, vname]) => ({ id: vid, name: vname })) };
}
