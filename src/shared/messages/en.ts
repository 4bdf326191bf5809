/**
 * English wording of every coded message main sends to staff (`Message`, `AppError.code`): the source of
 * truth for the codes. tr.ts must word every one (a missing key is a type error). The renderer, the main
 * process (English for logs and the `message` of errors) and the command line word them from here.
 * i18next syntax: {{param}}, plurals with _one/_other, $t(…) to nest.
 */
export const messagesEn = {
  internal: 'Something went wrong inside the app. Details were written to the log.',
  files: {
    notFound: 'The file {{file}} does not exist (it may have been moved, renamed or deleted).',
    folder: '{{file}} is a folder, not a file. Choose a file in it.',
    pipe: '{{file}} is a pipe, not a file: only a saved JSON or CSV file can be imported.',
    device: '{{file}} is a device, not a file: only a saved JSON or CSV file can be imported.',
    socket: '{{file}} is a socket, not a file: only a saved JSON or CSV file can be imported.',
    notRegular: '{{file}} is not a regular file: only a saved JSON or CSV file can be imported.',
    noPermission: 'The file {{file}} cannot be opened: permission denied.',
    busy: 'The file {{file}} is in use by another program; close it (in Excel, for example) and try again.',
    unreadable: 'The file {{file}} cannot be read ({{reason}}).',
    tooLarge:
      'The file {{file}} is {{size}} MiB; at most {{max}} MiB can be imported at once. Check that it is the right file, or split it.',
    changed:
      'The file {{file}} changed while it was being read (another program is still writing it). Wait until it is complete and import it again.',
    noChooser: 'The open dialog is only available in the app window; drop the file here instead.',
  },
  importFile: {
    empty: 'The file {{file}} is empty.',
    separatorLine:
      'The “sep=” line of {{file}} asks for a separator other than “,”, “;” or tab, which are the only ones supported.',
    columnTwice:
      'The column {{column}} appears twice in the header of {{file}} (columns {{first}} and {{second}}); keep only one of them.',
    noHotelColumn:
      'The CSV file {{file}} has no hotel_name (or hotel_id) column. Its first line must name the columns; it has {{columns}} column(s) (read with {{separator}} as the separator), of which these are known: {{known}}.',
    noDateColumn:
      'The CSV file {{file}} has no date column (date_from and date_to, or date_ranges). Its first line must name the columns; it has {{columns}} column(s) (read with {{separator}} as the separator), of which these are known: {{known}}.',
    headerTooLong: 'The first line of {{file}} is longer than 1 MiB: this is not a stop-sale CSV file.',
    noHeader: 'The file {{file}} has no header line naming its columns (hotel_name, date_from, date_to, …).',
    quoteNotClosed:
      'A quote (") opened in the row starting on line {{line}} of {{file}} is never closed, so the rest of the file cannot be read. Fix the quotes in that row and import the file again.',
    rowTooLong:
      'The row starting on line {{line}} of {{file}} is longer than 1 MiB; most likely a quote (") opened there is never closed.',
    csvBroken: 'The CSV file {{file}} cannot be read near line {{line}}: check the quotes and separators there.',
    recordTooLarge:
      'Record {{record}} of {{file}} is larger than 1 MiB: this is not a stop-sale file, or a quote (") is missing.',
    notJson: 'The file {{file}} is not JSON: it must start with “[” or “{”.',
    notAList:
      'The JSON file {{file}} must hold a list of stop sales ([ {...}, {...} ]) or an object with a “stopSales” list.',
    noStopSalesList: 'The JSON object in {{file}} has no “stopSales” list.',
    stopSalesNotList: 'In {{file}}, “stopSales” must be a list [ ... ].',
    twoStopSalesLists: 'The JSON file {{file}} has two “stopSales” lists; keep only one.',
    jsonSyntax: 'The file {{file}} is not valid JSON: something unexpected on line {{line}} (after record {{after}}).',
    jsonSyntaxAt: 'The file {{file}} is not valid JSON: something unexpected on line {{line}}.',
    truncated:
      'The file {{file}} ends in the middle of the JSON (after record {{after}}): it looks cut off. Get the complete file and import it again.',
    textAfterEnd: 'The file {{file}} is not valid JSON: there is more text after its end (line {{line}}).',
    brokenName: 'The file {{file}} is not valid JSON: a name on line {{line}} is broken.',
    utf16:
      'The file {{file}} is saved as UTF-16 (“Unicode Text”), which cannot be imported. In Excel use File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.',
    workbook:
      'The file {{file}} is an Excel workbook (or another zip file), not CSV. In Excel use File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.',
    oldWorkbook:
      'The file {{file}} is an old Excel workbook (.xls), not CSV. In Excel use File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.',
    brokenUtf8:
      'The file {{file}} starts with a UTF-8 mark but is not valid UTF-8; it is damaged or was edited with another encoding. In Excel use File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.',
    mixedEncodings:
      'The file {{file}} mixes two text encodings: it starts as UTF-8, but line {{line}} is not UTF-8. In Excel use File → Save As → “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.',
  },
  reservationFile: {
    noRecords: 'The file {{file}} holds no reservations.',
    tooManyRecords: 'The file {{file}} holds {{count}} records; at most {{max}} can be imported at a time.',
    wrongShape:
      'The file {{file}} must hold a list of reservations, { "reservations": [...] } or one reservation object.',
  },
  backup: {
    notFound: 'There is no file {{file}} to restore.',
    notDatabase: '{{file}} is not a database file. Nothing was restored and nothing was changed.',
    damaged:
      '{{file}} is damaged (SQLite found: {{detail}}). Nothing was restored and nothing was changed. Choose another backup.',
    foreign: '{{file}} is not a Sedna Stop Sales database. Nothing was restored and nothing was changed.',
    newer:
      '{{file}} was made by a newer version of Sedna Stop Sales, which this version cannot read. Nothing was restored and nothing was changed. Install the newer version to restore it.',
    upgradeFailed:
      '{{file}} could not be brought up to this version of the app ({{detail}}). Nothing was restored and nothing was changed.',
    writeFailed:
      'A backup could not be written to {{dir}} ({{detail}}). Nothing was changed. Check that the disk is not full and the folder is writable.',
    restoreFailed:
      '{{file}} could not be copied into the database ({{detail}}). The current data is unchanged; a copy of it is in {{backup}}.',
    sourceDamaged:
      'The database is damaged (SQLite found: {{detail}}), so its copy failed its check and was not kept. Restore the newest backup.',
    exists: '{{file}} already exists: choose a new name. Nothing was written.',
    noFolder: 'There is no folder {{dir}}. Nothing was written.',
    unknown: 'There is no backup named {{name}} in {{dir}}.',
    notAbsolute: 'Choose the file to restore with its full path, not {{file}}.',
  },
  db: {
    busy: 'The database is busy: another copy of the app or the command line (sedna-stop-sales) is writing to it. Nothing was saved; try again in a moment.',
    diskFull:
      'The disk that holds the data folder {{dir}} is full. Nothing was saved: free some space on that disk, then try again.',
    readOnly:
      'The database in the data folder {{dir}} can be read but not written (the file or folder is read-only, or the disk is write-protected). Nothing was saved: make the data folder writable for this user, then restart the app.',
    damaged:
      'The database in the data folder {{dir}} is damaged. Nothing was saved: restore a backup (Settings → Backups, or “sedna-stop-sales restore”), then try again.',
    io: 'The database in the data folder {{dir}} could not be read or written (a disk or network-drive error). Nothing was saved: check that the disk holding the data folder is connected and working, then try again.',
  },
  profiles: {
    httpNeedsConfirmation:
      'The address {{address}} starts with http://, so the Sedna password would travel unencrypted. Use https://, or confirm that http:// is intended.',
    noPassword: 'No Sedna password is stored for {{username}} at {{address}} ("{{name}}"). Enter it in Settings.',
  },
  sedna: {
    // {{problem}} is one of certificateProblem's keys, worded by nesting.
    certificate:
      'The Sedna server at {{host}} was not trusted, so nothing was sent: its certificate $t(errors.sedna.certificateProblem.{{problem}})',
    certificateProblem: {
      selfSigned:
        'is self-signed (made by the server itself, not by a certificate authority). If your company uses its own certificates, ask IT to install the company certificate on this computer; otherwise check the Sedna address.',
      untrusted:
        'was issued by an authority this computer does not trust. Ask IT to install the company certificate on this computer, or check the Sedna address.',
      expired:
        'has expired. Ask whoever runs the Sedna server to renew it, and check that this computer’s date and time are right.',
      notYetValid: 'is not valid yet. Check that this computer’s date and time are right.',
      wrongName:
        'was issued for another name than {{host}}. Check the Sedna address (use the name on its certificate, not an IP address), or ask IT.',
      revoked: 'has been revoked by its authority. Ask whoever runs the Sedna server, or IT.',
      invalid: 'could not be verified. Ask IT, or check the Sedna address.',
    },
    tooLarge: 'Sedna’s answer to {{action}} is larger than the {{limit}} the app accepts for it, so it was not read.',
    deadline: 'Sedna at {{host}} did not finish answering {{action}} within {{seconds}} s, so the app stopped waiting.',
    cancelled:
      'The request to Sedna ({{action}}) was stopped before it finished: the app is closing or the request was cancelled. It will be tried again.',
    proxyInvalid:
      'The proxy address in {{source}} is not usable (expected http://host:port). Correct it, or clear it to connect to Sedna directly.',
    proxyRefused:
      'The proxy {{proxy}} refused to connect to Sedna at {{host}} (HTTP {{status}}). Ask IT; if the proxy needs a username and password, put them in the proxy address (http://user:password@proxy:port).',
    proxyNoRoute: 'The proxy {{proxy}} could not reach Sedna at {{host}} (HTTP {{status}}).',
    proxyUnreachable: 'The proxy {{proxy}} could not be reached. Check the proxy ({{source}}) and that it is up.',
  },
}
