// The seed's Archer layout by name, as the emulated Security Incidents application names it: the
// sandbox files incidents with it and the case tests check it. "Message ID" (a text field of the
// emulated application) stands in for the campaign key field an administrator adds (docs/phishing.md).
export const SANDBOX_ARCHER_MAPPING = {
  application: 'Security Incidents',
  titleField: 'Title',
  descriptionField: 'Incident Description',
  campaignKeyField: 'Message ID',
  reportCountField: 'Reports Received',
  firstReportedField: 'Date Reported',
  senderIpField: 'Sender IP',
  attachmentField: 'Evidence',
  values: {
    'Incident Category': 'Phishing',
    Source: 'E-mail',
    'Criticality SOC': 'Low',
    'SIEM Name': 'Not applicable',
    'Other Incident Related?': 'No',
    'Impact to Business': 'None',
  },
  crossReferences: { 'Related Device': [3961286] },
};
