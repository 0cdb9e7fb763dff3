// Brands that phish borrow in the sender's display name ("Microsoft account team", "DocuSign") and
// the labels of the domains they really mail from. A display name claiming one of them from a domain
// whose name carries none of its labels is the commonest lure there is; mail of the brand itself, from
// any of its country domains or its own mail subdomains, passes. Only names that are brands and not
// everyday words are listed ("Chase" alone, "Zoom", "UPS" are left out).

export interface Brand {
  /** How it is written in display names, lower case, whole words (a phrase matches as a phrase). */
  names: readonly string[];
  /** Registrable-domain labels it mails from; a sender domain whose label contains one passes. */
  labels: readonly string[];
}

export const BRANDS: readonly Brand[] = [
  {
    names: [
      'microsoft',
      'office 365',
      'office365',
      'microsoft 365',
      'outlook',
      'onedrive',
      'one drive',
      'sharepoint',
      'share point',
      'hotmail',
      'windows live',
    ],
    labels: [
      'microsoft',
      'office',
      'outlook',
      'live',
      'hotmail',
      'sharepoint',
      'onedrive',
      'msn',
      'skype',
      'azure',
      'windows',
      'xbox',
      'msft',
      'bing',
    ],
  },
  { names: ['docusign', 'docu sign'], labels: ['docusign'] },
  { names: ['paypal', 'pay pal'], labels: ['paypal'] },
  { names: ['apple', 'icloud', 'itunes', 'app store'], labels: ['apple', 'icloud', 'itunes', 'me'] },
  { names: ['amazon', 'prime video'], labels: ['amazon', 'primevideo', 'audible', 'a2z'] },
  { names: ['netflix'], labels: ['netflix'] },
  { names: ['dhl'], labels: ['dhl', 'deutschepost', 'dpdhl'] },
  { names: ['fedex'], labels: ['fedex'] },
  { names: ['usps'], labels: ['usps'] },
  { names: ['google', 'gmail'], labels: ['google', 'gmail', 'youtube', 'googlemail'] },
  { names: ['adobe', 'acrobat'], labels: ['adobe', 'acrobat'] },
  { names: ['dropbox'], labels: ['dropbox'] },
  { names: ['wetransfer'], labels: ['wetransfer'] },
  {
    names: ['facebook', 'instagram', 'whatsapp', 'meta business', 'meta for business'],
    labels: ['facebook', 'instagram', 'whatsapp', 'meta', 'fb'],
  },
  { names: ['linkedin'], labels: ['linkedin'] },
  { names: ['norton', 'lifelock'], labels: ['norton', 'lifelock'] },
  { names: ['mcafee'], labels: ['mcafee'] },
  { names: ['coinbase'], labels: ['coinbase'] },
  { names: ['binance'], labels: ['binance'] },
  { names: ['metamask'], labels: ['metamask'] },
  { names: ['wells fargo'], labels: ['wellsfargo', 'wf'] },
  { names: ['bank of america'], labels: ['bankofamerica', 'bofa'] },
  { names: ['chase bank', 'jpmorgan', 'jp morgan'], labels: ['chase', 'jpmorgan'] },
  { names: ['american express', 'amex'], labels: ['americanexpress', 'aexp', 'amex'] },
  { names: ['citibank'], labels: ['citi', 'citibank'] },
  { names: ['ebay'], labels: ['ebay'] },
  { names: ['spotify'], labels: ['spotify'] },
  { names: ['zoom video'], labels: ['zoom'] },
  { names: ['opensea'], labels: ['opensea'] },
  { names: ['proton mail', 'protonmail', 'proton me'], labels: ['proton'] },
  { names: ['trust wallet', 'trustwallet'], labels: ['trustwallet'] },
  { names: ['trezor'], labels: ['trezor'] },
  { names: ['santander'], labels: ['santander'] },
  { names: ['itaú', 'itau', 'itaú unibanco'], labels: ['itau'] },
  { names: ['bradesco'], labels: ['bradesco'] },
  { names: ['nubank', 'banco nu'], labels: ['nubank', 'nu'] },
  { names: ['correios'], labels: ['correios'] },
];
