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
  diagnostics: {
    exists: '{{file}} already exists: choose a new name. Nothing was written.',
    noFolder: 'There is no folder {{dir}}. Nothing was written.',
    notAbsolute: 'Choose where to save the diagnostics with a full path, not {{file}}.',
    noChooser:
      'The save dialog is only available in the app window; on the command line use “sedna-stop-sales diagnostics --to FILE”.',
    writeFailed:
      'The diagnostics could not be written to {{file}} ({{detail}}). Check that the disk is not full and the folder is writable.',
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
  // ---- imports: row verdicts (stop sales: importRow, reservations: reservationRow) ----------------
  /** A row's problems name the file's own fields (hotel_name, date_ranges…), never translated. */
  importRow: {
    label: {
      field: '{{field}}',
      item: '{{field}} item {{item}}',
      fieldFrom: '{{field}} from',
      fieldTo: '{{field}} to',
      itemFrom: '{{field}} item {{item}} from',
      itemTo: '{{field}} item {{item}} to',
    },
    separator: { semicolon: '";"', comma: '","', tab: 'tab' },
    missing: '{{field}} is missing',
    notText: '{{field}} must be text (got {{value}})',
    tooLong: '{{field}} is longer than {{max}} characters (it has {{length}})',
    notAHotelId: 'hotel_id {{value}} is not a Sedna hotel id (a whole number above 0)',
    notRealDate: '$t(errors.importRow.label.{{at}}) {{value}} is not a real date',
    outsideYears: '$t(errors.importRow.label.{{at}}) {{value}} is outside the years {{min}}–{{max}}',
    datesBackwards: 'date_to {{to}} is before date_from {{from}}',
    rangeBackwards:
      '$t(errors.importRow.label.{{at}}) to {{to}} is before $t(errors.importRow.label.{{at}}) from {{from}}',
    datesTwice: 'give either date_from/date_to or date_ranges, not both',
    notARange: '$t(errors.importRow.label.{{at}}) {{value}} is not a range like 15.06.2025-20.06.2025',
    rangeNotObject: '{{field}} item {{item}} is not a range with from and to (got {{value}})',
    rangeEndMissing: '{{field}} item {{item}}: {{end}} is missing',
    rangesEmpty: 'date_ranges is empty',
    rangesNotList: 'date_ranges must be a list of ranges (got {{value}})',
    notACode: '$t(errors.importRow.label.{{at}}) must be a code (got {{value}})',
    codesNotList: '{{field}} must be a list of codes or text (got {{value}})',
    codeTooLong: '{{field}}: code {{value}} is longer than {{max}} characters',
    codesDisagree: '{{plural}} {{pluralValue}} and {{singular}} {{singularValue}} disagree; keep only one of them',
    isCloseInvalid: 'is_close must be true or false (got {{value}})',
    marketsNotList: 'markets must be a list of market ids (got {{value}})',
    notAMarket: 'markets: {{value}} is not a market id (a whole number above 0)',
    notADateTime: 'received_at {{value}} is not a date-time like 2025-04-10T09:12:00+03:00',
    notARecord: 'the record is not an object with stop-sale fields (got {{value}})',
    notARecordList: 'the record is not an object with stop-sale fields (got a list)',
    fieldTwice: '{{field}} is given twice (as {{first}} and {{second}})',
    cellCount:
      'the row has {{cells}} cells but the header has {{columns}} columns; check for a stray or missing $t(errors.importRow.separator.{{separator}}) or quote (")',
  },
  /** A reservation row's problems, with the field named in words. */
  reservationRow: {
    field: {
      voucherNo: 'Voucher number',
      hotelName: 'Hotel name',
      checkIn: 'Check-in',
      checkOut: 'Check-out',
      roomCode: 'Room type',
      boardCode: 'Board type',
      adults: 'Adults',
      children: 'Children',
      currency: 'Currency',
      saleDate: 'Sale date',
    },
    guestField: {
      title: 'title',
      firstName: 'first name',
      lastName: 'last name',
      passportNo: 'passport number',
      nationality: 'nationality',
    },
    /** How a value that is not text is described: {{value}} itself, or its kind. */
    value: { plain: '{{value}}', list: 'a list', object: 'an object' },
    adults_one: '{{count}} adult',
    adults_other: '{{count}} adults',
    children_one: '{{count}} child',
    children_other: '{{count}} children',
    missing: '$t(errors.reservationRow.field.{{field}}) is missing.',
    notText: '$t(errors.reservationRow.field.{{field}}) must be text, not $t(errors.reservationRow.value.{{kind}}).',
    tooLong: '$t(errors.reservationRow.field.{{field}}) is longer than {{max}} characters.',
    notACount:
      '$t(errors.reservationRow.field.{{field}}) must be a whole number from {{min}} to {{max}} (got $t(errors.reservationRow.value.{{kind}})).',
    notADate:
      '$t(errors.reservationRow.field.{{field}}) $t(errors.reservationRow.value.{{kind}}) is not a real date (use 2025-01-15 or 15.01.2025).',
    notAHotelId: 'Hotel id $t(errors.reservationRow.value.{{kind}}) is not a Sedna hotel id.',
    checkOutNotAfter: 'Check-out {{checkOut}} is not after check-in {{checkIn}}.',
    stayTooLong: 'A stay from {{checkIn}} to {{checkOut}} is longer than a year.',
    outsideYears: '{{date}} is outside the years {{min}}–{{max}}.',
    notAnAmount: 'Total price $t(errors.reservationRow.value.{{kind}}) is not an amount.',
    notACurrency: 'Currency "{{value}}" is not a three-letter code such as EUR.',
    sourceNotText: 'Source e-mail id must be text or a number.',
    tooManyGuests:
      '{{guests}} guests are listed for $t(errors.reservationRow.adults, {"count": {{adults}} }) and $t(errors.reservationRow.children, {"count": {{children}} }).',
    noGuests: 'No guests are listed (at least one guest with first and last name is needed).',
    guestsNotList: 'Guests must be a list, not $t(errors.reservationRow.value.{{kind}}).',
    guestNotObject: 'Guest {{guest}} is not an object ($t(errors.reservationRow.value.{{kind}})).',
    guestFieldNotText:
      'Guest {{guest}}: $t(errors.reservationRow.guestField.{{field}}) must be text, not $t(errors.reservationRow.value.{{kind}}).',
    guestFieldTooLong:
      'Guest {{guest}}: $t(errors.reservationRow.guestField.{{field}}) is longer than {{max}} characters.',
    guestNoFirstName: 'Guest {{guest}} has no first name.',
    guestNoLastName: 'Guest {{guest}} has no last name.',
    guestBirthNotDate: 'Guest {{guest}}: birth date $t(errors.reservationRow.value.{{kind}}) is not a real date.',
    guestBornAfterCheckIn: 'Guest {{guest}}: birth date {{birthDate}} is after check-in.',
    guestUnknownTitle: 'Guest {{guest}}: title "{{title}}" is not one Sedna knows (Mr, Mrs, Ms, Miss, Chd, Inf).',
    guestNoAdultTitle: 'Guest {{guest}} has no title (Mr or Mrs).',
    guestNoTitle: 'Guest {{guest}} has no title (Mr, Mrs, or Chd/Inf for a child; a birth date also tells a child).',
    notARecord: 'Record {{record}} is not an object ($t(errors.reservationRow.value.{{kind}})).',
  },
  // ---- imports: previews and verdicts ---------------------------------------------------------
  import: {
    status: { committed: 'committed', discarded: 'discarded' },
    notFound: 'Import #{{importId}} does not exist.',
    reservationsNotFound: 'Reservation import #{{importId}} does not exist.',
    alreadyDone: 'Import #{{importId}} of {{file}} was already $t(errors.import.status.{{status}}).',
    previewGone:
      'The preview of {{file}} is no longer open (the app was closed, or newer previews replaced it). Preview the file again.',
    duplicateOf: 'Already imported as stop sale #{{id}}.',
    sameAsEarlierRow: 'Same as an earlier row of this file.',
  },
  reservationImport: {
    duplicateOf: 'Already imported as reservation #{{id}} (voucher {{voucher}}).',
    duplicateOfEmail: 'Already imported as reservation #{{id}} (voucher {{voucher}}, e-mail {{email}}).',
    sameAsRow: 'Same voucher and source e-mail as row {{row}} of this file.',
    duplicateMeanwhile: 'Already imported as reservation #{{id}} (meanwhile).',
    differs: {
      hotel: 'This one has another hotel.',
      dates: 'This one has other dates.',
      room: 'This one has another room type.',
      board: 'This one has another board.',
      pax: 'This one has other pax.',
      guests: 'This one has other guests.',
      price: 'This one has another price.',
    },
    keptStored: 'The stored one is kept.',
    keptEarlier: 'The earlier one is kept.',
    sameVoucherStored:
      'Voucher {{voucher}} was already imported from e-mail {{email}} as reservation #{{id}}: check it is not the same booking before sending it.',
    sameVoucherStoredElsewhere:
      'Voucher {{voucher}} was already imported from another source as reservation #{{id}}: check it is not the same booking before sending it.',
    sameVoucherInFile:
      'Voucher {{voucher}} also comes from another e-mail in row {{row}}: check it is not the same booking before sending it.',
  },
  // ---- what a record resolves to in Sedna, and fixing it in place --------------------------------
  resolution: {
    needsMapping_one: 'Needs mapping before it can be sent: $t(errors.resolution.unknown.{{kind}}).',
    needsMapping_other:
      'Needs mapping before it can be sent: $t(errors.resolution.unknown.{{kind}}), and {{more}} more (see the detail).',
    unknown: {
      hotel: 'hotel "{{name}}" is not known in Sedna',
      hotelClosest: 'hotel "{{name}}" is not known in Sedna (closest: {{closest}})',
      room: 'room code "{{code}}" is unknown at hotel {{hotelId}}',
      board: 'board code "{{code}}" is unknown',
      hotelRooms: 'no room types are known for hotel {{hotelId}} (refresh the reference data)',
      boards: 'no boards are known (refresh the reference data)',
      nationality: 'nationality "{{value}}" is not a country known in Sedna',
      countries: 'no nationalities (countries) are known yet (refresh the reference data)',
    },
    noAccount: 'No Sedna account is set up: add one in Settings to see what this record resolves to.',
    notResolved: 'Not resolved yet.',
  },
  mapping: {
    noAccount: 'No Sedna account is set up: add one in Settings, then map it.',
    nothingToRemember: '"{{value}}" has no letters or digits to remember it by.',
    hotelNotInList:
      'Hotel {{hotelId}} is not in the hotel list of the Sedna account "{{account}}". Pick a hotel from the list, or refresh the reference data if it was added in Sedna recently.',
    roomNotOfHotel:
      'Room type {{roomTypeId}} is not a room type of {{hotel}} (hotel {{hotelId}}) in the Sedna account "{{account}}". Pick one from the list, or refresh the reference data if it was added in Sedna recently.',
    boardNotInList:
      'Board {{boardId}} is not in the board list of the Sedna account "{{account}}". Pick one from the list, or refresh the reference data if it was added in Sedna recently.',
    countryNotInList:
      'Country {{countryId}} is not in the country list of the Sedna account "{{account}}". Pick one from the list, or refresh the reference data if it was added in Sedna recently.',
    notTheRecordsCode: '{{code}} is not a code of this record ({{codes}}).',
    notTheRecordsNationality: '{{value}} is not a nationality of this reservation’s guests.',
    hotelFirst: 'The hotel of this record is not known in Sedna yet: map the hotel first, then its room codes.',
    nationalityOfStopSale: 'A stop sale has no guests: nationalities are mapped from a reservation.',
  },
  // ---- stop sales and reservations: records, detail ------------------------------------------------
  record: {
    stopSaleNotFound: 'Stop sale #{{id}} does not exist (it may have been deleted).',
    reservationNotFound: 'Reservation #{{id}} does not exist (it may have been deleted).',
    /** A message stored before messages were codes (its English words, shown as they are). */
    stored: '{{text}}',
  },
  detail: {
    accountGone: 'The Sedna account for this record no longer exists.',
    noOperatorCode: 'The Sedna account "{{account}}" has no operator code (e.g. 7STAR). Set it in Settings.',
    operatorIdUnknown:
      'The operator id of "{{account}}" is learned at the first login to Sedna: use Test connection in Settings.',
    guestDataRemoved: "The guests' personal data was removed, so there is no request to show.",
    recIdPending: 'Phase 2 carries the RecId Sedna assigns in phase 1.',
  },
  // ---- Sedna accounts and their reference data -----------------------------------------------
  connection: {
    connected: 'Connected. Sedna says this account is operator {{operatorId}}.',
    connectedChanged: 'Connected. Sedna says this account is operator {{operatorId}} (was {{previous}}).',
  },
  account: {
    recordsInFlight_one:
      '“{{name}}” still has {{count}} record being sent to Sedna with it. It can only be finished with this account: wait until it is sent (see the Queue), then delete the account.',
    recordsInFlight_other:
      '“{{name}}” still has {{count}} records being sent to Sedna with it. They can only be finished with this account: wait until they are sent (see the Queue), then delete the account.',
    notFound: 'Sedna profile #{{id}} does not exist.',
    demoReadOnly: 'The demo profile cannot be edited.',
    passwordRequired: 'Enter the Sedna password for the new profile.',
    badAddress:
      '{{address}} is not a Sedna address: enter it like https://test.kodsedna.com/SednaAgencyb2bApi (http:// or https://, without a username or password in it).',
  },
  reference: {
    refreshFailed: 'The reference data could not be fetched: {{detail}}',
  },
  // ---- the outbox: sending to Sedna exactly once, its queue and the sync summary ---------------------
  outbox: {
    crashed: 'An unexpected error stopped it; it will be tried again.',
    databaseFailed: 'The database could not be written, so it was stopped; it will be tried again.',
    unexpected: 'Unexpected error: {{detail}}',
    /** {{failure}} is the code of the failure whose parameters come along. */
    willLook: '$t(errors.{{failure}}) (The outcome is unknown: Sedna will be checked before sending again.)',
    recIdTaken: 'Sedna record {{recId}} was just linked to another stop sale of this app; Sedna will be checked again.',
    attempt: {
      created: 'Created as RecId {{recId}}',
      saved: 'Rooms, operator, boards and markets saved on RecId {{recId}}',
      reservationCreated: 'Created in Sedna as RecId {{recId}}',
      cancelled: 'Cancelled in Sedna (SourceId {{sourceId}})',
      cancelledLocally: 'Cancelled before it was ever sent to Sedna: nothing to cancel there.',
      found: 'Found in Sedna as RecId {{recId}}: adopted, not sent again',
      absent: 'Not in Sedna: it is safe to send it',
      reservationAdopted:
        'Already in Sedna as RecId {{recId}} (the same booking: voucher {{voucher}}, hotel, dates, room, board and pax): adopted, not booked again',
      adopted:
        'Already in Sedna as RecId {{recId}} (recorded by {{recordUser}}, declared {{declareDate}}): adopted, nothing written',
      reopenedSince:
        'Sedna holds the same stop ({{ids}}) declared earlier, but the sale was opened on some of these nights since: sent again',
      overlaps: 'Not in Sedna as such; Sedna record(s) {{ids}} already cover some of these nights ({{from}} – {{to}})',
      shownCancelled: 'Sedna shows it cancelled',
      notShownCancelled: 'Sedna does not show it cancelled',
    },
    cancel: {
      already: 'Reservation #{{id}} was already cancelled.',
      local: 'Cancelled. It had never been sent to Sedna, so nothing was cancelled there.',
      done: 'Cancelled in Sedna (RecId {{recId}}, SourceId {{sourceId}}).',
      notCancelled: 'Not cancelled (status {{status}}).',
      checkFirst:
        'Reservation #{{id}} (voucher {{voucher}}) may or may not be in Sedna: check it there first (see its detail).',
      beingSent:
        'Reservation #{{id}} (voucher {{voucher}}) is being sent to Sedna right now; cancel it once it is synced.',
    },
    sendAnyway: {
      notAsked:
        "Reservation #{{id}} (voucher {{voucher}}) is not waiting for a decision about Sedna's version, so nothing was changed.",
    },
  },
  /** Why a record waits for a person instead of going to Sedna. */
  park: {
    noAccount: 'No Sedna account is set up. Add one in Settings (or try the demo server).',
    accountDeleted:
      'The Sedna account it was sent with has been deleted. Check it in Sedna and re-create the account if needed.',
    noOperatorCode: 'The Sedna account "{{account}}" has no operator code (e.g. 7STAR). Set it in Settings.',
    cancelAccountGone: 'The Sedna account this reservation was sent with no longer exists: cancel it in Sedna itself.',
    failedWithRecord:
      '$t(errors.{{failure}}) The record exists in Sedna as RecId {{recId}}; sending again will complete it.',
    cancelledInSedna:
      'Sedna holds this reservation (RecId {{recId}}, SourceId {{sourceId}}) as cancelled; check it there before sending it again.',
    cancelRefused: 'Sedna refused to cancel it: $t(errors.{{failure}}) It is still booked in Sedna as RecId {{recId}}.',
  },
  /** What a look in Sedna could not decide (a person decides): the evidence. */
  lookup: {
    stopSaleNoDeclareDate_one:
      'Sedna lists record {{ids}} for these nights without a DeclareDate, so it cannot be told whether it is this stop sale.',
    stopSaleNoDeclareDate_other:
      'Sedna lists records {{ids}} for these nights without a DeclareDate, so it cannot be told whether one of them is this stop sale.',
    stopSaleSeveral: 'Sedna holds records {{ids}} that all match this stop sale; keep one and tell the app which.',
    stopSaleUnreadable_one:
      'Sedna listed a stop sale for these nights that the app cannot read (no record id), so it cannot be told whether it is this stop sale. Check in Sedna.',
    stopSaleUnreadable_other:
      'Sedna listed {{count}} stop sales for these nights that the app cannot read (no record id), so it cannot be told whether one of them is this stop sale. Check in Sedna.',
    stopSaleUnclear_one:
      'Sedna lists record {{ids}} for these nights without saying enough (its type, operator, rooms or boards) to tell whether it is this stop sale.',
    stopSaleUnclear_other:
      'Sedna lists records {{ids}} for these nights without saying enough (their type, operator, rooms or boards) to tell whether one of them is this stop sale.',
    reservationNoSourceId_one:
      'Sedna lists reservation {{ids}} for voucher {{voucher}} without a SourceId, so it cannot be told whether it is this reservation (SourceId {{sourceId}}).',
    reservationNoSourceId_other:
      'Sedna lists reservations {{ids}} for voucher {{voucher}} without a SourceId, so it cannot be told whether one of them is this reservation (SourceId {{sourceId}}).',
    reservationNoRecId:
      'Sedna holds a reservation with SourceId {{sourceId}} for voucher {{voucher}}, but its answer gives no record id.',
    reservationLinked:
      "Sedna's reservation with SourceId {{sourceId}} is already linked to another reservation of this app.",
    reservationSeveral:
      "Sedna holds reservations {{ids}} with this reservation's SourceId {{sourceId}} (voucher {{voucher}}); keep one and tell the app which.",
    // The look before a reservation's first send (another desk, or a person in Sedna, may have entered it).
    reservationInSednaCancelled:
      'Sedna already holds voucher {{voucher}} as cancelled (RecId {{ids}}). Compare both versions in the detail, then send ours anyway or cancel it here.',
    reservationInSednaDiffers:
      'Sedna already holds voucher {{voucher}} (RecId {{ids}}), but not as this booking. Compare both versions in the detail, then send ours anyway or cancel it here.',
    reservationInSednaLinked:
      "Sedna's reservation {{ids}} for voucher {{voucher}} is this same booking, and it is already linked to another reservation of this app: this one looks like a second copy. Cancel it here, or send it anyway.",
    reservationInSednaSeveral:
      'Sedna holds this same booking (voucher {{voucher}}) more than once: RecIds {{ids}}. Keep one in Sedna and cancel this one here.',
    reservationInSednaNoRecId:
      'Sedna lists this same booking (voucher {{voucher}}) without a record id, so it cannot be linked. Check it in Sedna; if it is there, cancel this one here.',
    reservationSameHere:
      'The same booking (voucher {{voucher}}, the same hotel, dates, room, board and pax) is already reservation #{{id}} of this app: this one looks like a second copy. Cancel it here, or send it anyway.',
  },
  queue: {
    /** Why a record waits in the queue ({{at}}: dd.MM.yyyy HH:mm:ss, local time). */
    why: {
      sending: 'Being sent now.',
      sendingElsewhere: 'Being sent by another process (pid {{pid}}).',
      waitingForSedna: 'Sedna is not reachable; it will be sent automatically when Sedna answers again.',
      retryLater: 'It will be tried again at {{at}}.',
      due: 'Due: it goes out as soon as the sync gets to it.',
      cancelWaitingForSedna:
        'Sedna is not reachable; the cancellation will be sent automatically when Sedna answers again.',
      cancelRetryLater: 'The cancellation will be tried again at {{at}}.',
    },
  },
  /** The mirror (#14): Sedna's stop sales read back by pulls; how old the copy is, and why a pull failed. */
  mirror: {
    never: "Sedna's stop sales have not been read yet.",
    age: {
      justNow: "Sedna's stop sales were read just now ({{at}}).",
      minutes_one: "Sedna's stop sales were read {{count}} minute ago ({{at}}).",
      minutes_other: "Sedna's stop sales were read {{count}} minutes ago ({{at}}).",
      hours_one: "Sedna's stop sales were read {{count}} hour ago ({{at}}).",
      hours_other: "Sedna's stop sales were read {{count}} hours ago ({{at}}).",
      days_one: "Sedna's stop sales were read {{count}} day ago ({{at}}).",
      days_other: "Sedna's stop sales were read {{count}} days ago ({{at}}).",
    },
    /** {{failure}} is the code of the failure whose parameters come along. */
    pullFailed: "Sedna's stop sales could not be read: $t(errors.{{failure}}) What was read before is kept.",
    progress: "Reading Sedna's stop sales: {{done}} of {{total}} months, {{received}} records so far.",
    pulledFull:
      "Read every stop sale in Sedna for the nights {{from}} – {{to}}: {{received}} received, {{changed}} new or changed, {{gone}} deleted in Sedna; the app's copy holds {{records}} ({{seconds}} s).",
    pulledChanges:
      "Read what changed in Sedna since {{since}}: {{received}} received, {{changed}} new or changed; the app's copy holds {{records}} ({{seconds}} s).",
    skipped_one: "{{count}} record in Sedna's answer could not be read (no RecId or no dates) and was left out.",
    skipped_other: "{{count}} records in Sedna's answer could not be read (no RecId or no dates) and were left out.",
    goneNotChecked: 'So this time no record was marked as deleted in Sedna.',
    closing: 'The app is closing: Sedna is not read any more.',
  },
  /**
   * Drift (#14): a stop sale sent from here whose copy in Sedna was changed or deleted there. History lines
   * (what a read of Sedna found, what a person chose), refusals, and the command line's reconcile.
   */
  drift: {
    flaggedChanged:
      'A read of Sedna found its copy (RecId {{recId}}) changed there: compare both versions in the detail and choose which one stays.',
    flaggedMissing:
      'A read of Sedna no longer found RecId {{recId}}: it was deleted there. If it should still be in Sedna, send it again from the detail.',
    inLineAgain: "Sedna's copy (RecId {{recId}}) is the same as this record again.",
    accepted:
      "Sedna's version taken (RecId {{recId}}): $t(errors.drift.kind.{{kind}}), nights {{from}} – {{to}}, $t(errors.drift.rooms.{{roomScope}}), $t(errors.drift.boards.{{boardScope}}).",
    kind: { close: 'stop sale', open: 'open sale' },
    rooms: { all: 'all rooms', some: 'rooms {{rooms}}' },
    boards: { all: 'all boards', some: 'boards {{boards}}' },
    resendQueued:
      "Ours is to be sent again on RecId {{recId}} (phase 2), replacing the version changed in Sedna: a person's choice.",
    recreateQueued: 'To be created anew in Sedna (RecId {{recId}} was deleted there): a person confirmed it.',
    confirmNeeded:
      'Stop sale #{{id}} is no longer in Sedna (RecId {{recId}} was deleted there). Sending it again creates a new record in Sedna: confirm that first. Nothing was changed.',
    notChanged:
      'Stop sale #{{id}} is not marked as changed in Sedna, so there is no version of Sedna to accept. Nothing was changed.',
    notDrifted:
      'Stop sale #{{id}} is neither changed in Sedna nor deleted there, so there is nothing to send again. Nothing was changed.',
    noSednaCopy:
      "Sedna's copy of stop sale #{{id}} (RecId {{recId}}) has not been read, or is no longer there: read Sedna again first. Nothing was changed.",
    unknownRooms:
      "Sedna's version of stop sale #{{id}} names room types the app does not know at this hotel ({{ids}}): refresh the reference data in Settings, then try again. Nothing was changed.",
    unknownBoards:
      "Sedna's version of stop sale #{{id}} names boards the app does not know ({{ids}}): refresh the reference data in Settings, then try again. Nothing was changed.",
    reconciledRead: 'Read every stop sale in Sedna: {{pulled}} received.',
    reconciledNone: 'Every stop sale sent from here is the same as its copy in Sedna.',
    reconciledChanged_one: '{{count}} stop sale was changed in Sedna:',
    reconciledChanged_other: '{{count}} stop sales were changed in Sedna:',
    reconciledMissing_one: '{{count}} stop sale is no longer in Sedna:',
    reconciledMissing_other: '{{count}} stop sales are no longer in Sedna:',
    reconciledAdopted_one:
      '{{count}} stop sale of this account was found already in Sedna before its first send (linked to that record, nothing written).',
    reconciledAdopted_other:
      '{{count}} stop sales of this account were found already in Sedna before their first send (linked to those records, nothing written).',
  },
  /** The preview of a sync (#15): what it would do, nothing sent; why a send of what was previewed is refused. */
  preview: {
    statusName: {
      pending: 'pending',
      queued: 'queued',
      creating: 'being created in Sedna',
      created: 'created in Sedna, its rooms and boards not sent yet',
      updating: 'its rooms and boards being sent',
      synced: 'already synced',
      changed_in_sedna: 'changed in Sedna',
      missing_in_sedna: 'no longer in Sedna',
      needs_attention: 'needs attention',
      needs_review: 'needs a review',
      failed: 'failed',
    },
    unknownIds_one: 'There is no stop sale #{{ids}}: nothing was previewed.',
    unknownIds_other: 'There are no stop sales {{ids}}: nothing was previewed.',
    notSendable:
      'A sync does not send it as it is (its status: $t(errors.preview.statusName.{{status}})). Its detail says what can be done with it.',
    mirrorOnly_one:
      "Sedna could not be read for {{hotels}} just now: the app's last copy of Sedna's stop sales answered for it ($t(errors.{{failure}})). It may be out of date.",
    mirrorOnly_other:
      "Sedna could not be read for {{count}} hotels just now ({{hotels}}): the app's last copy of Sedna's stop sales answered for them ($t(errors.{{failure}})). It may be out of date.",
    stale_one: '{{count}} record changed since the preview (or is gone): nothing was sent. Preview again, then send.',
    stale_other:
      '{{count}} records changed since the preview (or are gone): nothing was sent. Preview again, then send.',
    nothing: 'The preview listed no stop sale and no reservation: there is nothing to send.',
  },
  /** The hotel calendar (#15): why it cannot be shown. */
  calendar: {
    noAccount: 'No Sedna account is set up yet, so there is no calendar to show. Add one in Settings.',
    unknownHotel:
      'Hotel {{hotelId}} is not among the hotels known for this Sedna account. Refresh the reference data in Settings, or choose another hotel.',
    tooManyNights: 'A calendar shows at most {{max}} nights at once: choose a shorter period.',
    badDate: '{{date}} is not a day of the calendar: choose the period again.',
  },
  /** The tray and closing the window while items wait (#16, main/background/decide.ts). */
  tray: {
    waiting_one: '{{count}} item waits to be sent to Sedna.',
    waiting_other: '{{count}} items wait to be sent to Sedna.',
    sending_one: 'Sending to Sedna… ({{count}} waiting)',
    sending_other: 'Sending to Sedna… ({{count}} waiting)',
    notSent_one: 'All sent. {{count}} imported item has not been sent yet.',
    notSent_other: 'All sent. {{count}} imported items have not been sent yet.',
    allSent: 'Everything is sent to Sedna.',
    sedna: {
      online: 'Sedna answers.',
      offline: 'Sedna does not answer: sending resumes by itself when it does.',
      credentialsRejected: 'Sedna refused the username or password: check them in Settings.',
      checking: 'Checking whether Sedna answers…',
    },
    menu: {
      open: 'Open Sedna Stop Sales',
      syncAll_one: 'Sync all pending ({{count}})',
      syncAll_other: 'Sync all pending ({{count}})',
      quit: 'Quit',
    },
    close: {
      title: 'Keep sending to Sedna?',
      waiting_one:
        '{{count}} item still waits to be sent. In the background the app keeps sending it, with a tray icon; if you quit, it is sent the next time the app opens.',
      waiting_other:
        '{{count}} items still wait to be sent. In the background the app keeps sending them, with a tray icon; if you quit, they are sent the next time the app opens.',
      sending:
        'A sync is under way. In the background the app finishes it, with a tray icon; if you quit, what is not sent yet is sent the next time the app opens.',
      background: 'Keep sending in the background',
      quit: 'Quit',
      remember: 'Remember my choice (you can change it in Settings)',
    },
    /** A desktop notification when a long sync ends while the window is not in front. */
    syncFinished: {
      title: 'Sedna sync finished',
      body: '{{synced}} synced, {{parked}} need a look, {{retrying}} waiting to be tried again.',
    },
    quit: {
      finishing:
        'Quitting: the requests under way get up to {{seconds}} s to finish; whatever is not sent by then ({{count}} waiting now) stays queued and is sent the next time the app opens.',
      leftQueued_one: '{{count}} item stays queued and is sent the next time the app opens.',
      leftQueued_other: '{{count}} items stay queued and are sent the next time the app opens.',
    },
  },
  /** Updates from the agency's folder (#16). */
  updates: {
    unsupported: 'Updates are installed by the installed app only, not while developing or from the command line.',
    noFolder: 'No update folder is set. Enter the address your agency publishes new versions at, then check again.',
    nothingToDownload: 'There is no newer version to download: check for updates first.',
    checkFailed:
      'The update folder {{url}} could not be read ({{detail}}). Check the address and that this computer can reach it.',
    downloadFailed: 'Version {{version}} could not be downloaded ({{detail}}). Nothing was installed; try again.',
  },
  /** Sedna's failures that have no code of their own above (`sedna.*`). */
  sednaFailure: {
    loginAgain: 'Sedna asked to log in again for {{action}} (HTTP 401).',
    noSuchCall:
      'Sedna has no {{action}} at {{address}} (HTTP 404). The address is probably wrong: it usually ends in /SednaAgencyb2bApi.',
    methodNotAllowed: 'Sedna does not accept this kind of request for {{action}} (HTTP 405).',
    busy: 'Sedna is busy (HTTP {{status}}).',
    busyWait: 'Sedna is busy (HTTP {{status}}). It asked to wait $t(errors.sednaFailure.wait.{{unit}}).',
    wait: {
      s: '{{amount}} s',
      min: '{{amount}} min',
      h: '{{amount}} h',
      days: '{{amount}} days',
      year: 'more than a year',
    },
    gaveUp: 'Sedna gave up waiting for the request (HTTP 408).',
    serverError: 'Sedna had an internal error (HTTP {{status}}).',
    serverErrorSaying: 'Sedna had an internal error (HTTP {{status}}): {{detail}}.',
    refusedHttp: 'Sedna refused {{action}} (HTTP {{status}}).',
    refusedHttpSaying: 'Sedna refused {{action}} (HTTP {{status}}): {{detail}}.',
    cutOff: "Sedna's answer to {{action}} was cut off (HTTP {{status}}, {{reason}}).",
    cutOffShort: "Sedna's answer to {{action}} was cut off.",
    connectTimeout: 'Sedna at {{host}} did not accept a connection in time.',
    noAnswer: 'Sedna at {{host}} did not answer {{action}} in time.',
    connectionRefused:
      'Sedna could not be reached at {{host}} (connection refused). Check the address and that the server is up.',
    hostNotFound: 'The Sedna address {{host}} could not be found. Check the address and the internet connection.',
    noRoute: 'No network route to Sedna at {{host}}. Check the internet connection.',
    connectionBroke: 'The connection to Sedna at {{host}} broke during {{action}} ({{reason}}).',
    loginRejected: 'Sedna rejected the username or password. Check them in Settings.',
    loginRejectedSaying: 'Sedna rejected the username or password: {{reason}}. Check them in Settings.',
    loginNoOperator: 'Sedna accepted the login but did not say which operator this account belongs to (no RecId).',
    loginNoSession: 'Sedna accepted the login but sent no session cookie, so later calls cannot be authorised.',
    saveNoRecId: 'Sedna answered the stop-sale save without a record id (RecId: {{value}}).',
    reservationNoRecId: 'Sedna answered the reservation without a record id.',
    notAList: 'Sedna\'s answer to {{action}} is not a list (expected [...] or {"Data": [...]}).',
    refusedAfterLogin:
      'Sedna refused the request even after logging in again. Check the username, password and that the account may use the B2B API.',
    notJson: "Sedna's answer to {{action}} could not be read (not JSON: {{snippet}}).",
    unexpectedShape: "Sedna's answer to {{action}} has an unexpected shape ({{snippet}}).",
    refused: 'Sedna refused {{action}}: {{reason}} (ErrorType {{errorType}}).',
    refusedNoReason: 'Sedna refused {{action}}: no reason given (ErrorType {{errorType}}).',
  },
}
