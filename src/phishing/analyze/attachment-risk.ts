// File types that mail should not bring: programs and scripts, disk images that bypass Mark-of-the-Web,
// HTML files that open local credential forms, and Office formats that carry macros.
export type AttachmentRisk = 'executable' | 'disk-image' | 'html' | 'macro';

const BY_EXTENSION: Record<string, AttachmentRisk> = {};
const add = (risk: AttachmentRisk, exts: string) => {
  for (const e of exts.split(' ')) BY_EXTENSION[e] = risk;
};
add(
  'executable',
  'exe scr com pif bat cmd js jse vbs vbe wsf wsh hta ps1 psm1 msi msix appx lnk jar cpl reg dll msc url scf chm',
);
// What installs on opening: an Apple configuration profile (a VPN, a root certificate, device
// management), an App Installer or ClickOnce manifest, an Excel add-in.
add('executable', 'mobileconfig appinstaller application xll');
add('disk-image', 'iso img vhd vhdx udf');
add('html', 'html htm shtml xhtml svg mht mhtml');
add('macro', 'docm dotm xlsm xltm xlam xlsb pptm potm ppam ppsm sldm doc xls ppt');

const BY_TYPE: Record<string, AttachmentRisk> = {
  'application/x-msdownload': 'executable',
  'application/x-msdos-program': 'executable',
  'application/javascript': 'executable',
  'application/x-iso9660-image': 'disk-image',
  'text/html': 'html',
  'application/vnd.ms-excel.sheet.macroenabled.12': 'macro',
  'application/vnd.ms-word.document.macroenabled.12': 'macro',
};

export function attachmentRisk(name: string, contentType: string): AttachmentRisk | null {
  // The last extension decides what Windows runs: invoice.pdf.exe is a program.
  const ext = /\.([a-z0-9]+)\s*$/i.exec(name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || BY_TYPE[contentType.toLowerCase()] || null;
}
