/** Turkish wording of every coded message (see en.ts): typed against the English, so none is missing. */
import type { MessageResources } from './types'

export const messagesTr: MessageResources = {
  internal: 'Uygulamada beklenmeyen bir hata oldu. Ayrıntılar günlük dosyasına yazıldı.',
  files: {
    notFound: '{{file}} dosyası bulunamadı (taşınmış, adı değiştirilmiş ya da silinmiş olabilir).',
    folder: '{{file}} bir klasör, dosya değil. İçindeki dosyalardan birini seçin.',
    pipe: '{{file}} bir dosya değil, bir kanal (pipe): yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    device: '{{file}} bir dosya değil, bir aygıt: yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    socket: '{{file}} bir dosya değil, bir soket: yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    notRegular: '{{file}} normal bir dosya değil: yalnızca kaydedilmiş bir JSON ya da CSV dosyası içe aktarılabilir.',
    noPermission: '{{file}} dosyası açılamıyor: erişim izni yok.',
    busy: '{{file}} dosyası başka bir programda açık; o programı (örneğin Excel’i) kapatıp tekrar deneyin.',
    unreadable: '{{file}} dosyası okunamadı ({{reason}}).',
    tooLarge:
      '{{file}} dosyası {{size}} MiB; bir seferde en fazla {{max}} MiB içe aktarılabilir. Doğru dosya olduğunu kontrol edin ya da dosyayı bölün.',
    changed:
      '{{file}} dosyası okunurken değişti (başka bir program hâlâ ona yazıyor). Dosya tamamlanınca yeniden içe aktarın.',
    noChooser: 'Dosya seçme penceresi yalnızca uygulama penceresinde açılabilir; dosyayı buraya sürükleyip bırakın.',
  },
  importFile: {
    empty: '{{file}} dosyası boş.',
    separatorLine:
      '{{file}} dosyasının “sep=” satırı “,”, “;” ya da sekme dışında bir ayırıcı istiyor; yalnızca bu üçü desteklenir.',
    columnTwice:
      '{{file}} dosyasının başlık satırında {{column}} sütunu iki kez var ({{first}}. ve {{second}}. sütun); birini silin.',
    noHotelColumn:
      '{{file}} CSV dosyasında hotel_name (ya da hotel_id) sütunu yok. İlk satır sütunların adlarını vermeli; bu satırda {{columns}} sütun var (ayırıcı olarak {{separator}} ile okundu), tanınanlar: {{known}}.',
    noDateColumn:
      '{{file}} CSV dosyasında tarih sütunu yok (date_from ve date_to, ya da date_ranges). İlk satır sütunların adlarını vermeli; bu satırda {{columns}} sütun var (ayırıcı olarak {{separator}} ile okundu), tanınanlar: {{known}}.',
    headerTooLong: '{{file}} dosyasının ilk satırı 1 MiB’den uzun: bu bir satış durdurma CSV dosyası değil.',
    noHeader: '{{file}} dosyasında sütun adlarını veren bir başlık satırı yok (hotel_name, date_from, date_to, …).',
    quoteNotClosed:
      '{{file}} dosyasında {{line}}. satırda başlayan kayıtta açılan tırnak (") hiç kapanmıyor, bu yüzden dosyanın geri kalanı okunamıyor. O satırdaki tırnakları düzeltip dosyayı yeniden içe aktarın.',
    rowTooLong:
      '{{file}} dosyasında {{line}}. satırda başlayan kayıt 1 MiB’den uzun; büyük olasılıkla orada açılan bir tırnak (") kapanmıyor.',
    csvBroken:
      '{{file}} CSV dosyası {{line}}. satır civarında okunamıyor: oradaki tırnakları ve ayırıcıları kontrol edin.',
    recordTooLarge:
      '{{file}} dosyasının {{record}}. kaydı 1 MiB’den büyük: bu bir satış durdurma dosyası değil ya da bir tırnak (") eksik.',
    notJson: '{{file}} dosyası JSON değil: “[” ya da “{” ile başlamalı.',
    notAList:
      '{{file}} JSON dosyası bir satış durdurma listesi ([ {...}, {...} ]) ya da “stopSales” listesi olan bir nesne içermeli.',
    noStopSalesList: '{{file}} dosyasındaki JSON nesnesinde “stopSales” listesi yok.',
    stopSalesNotList: '{{file}} dosyasında “stopSales” bir liste [ ... ] olmalı.',
    twoStopSalesLists: '{{file}} JSON dosyasında iki “stopSales” listesi var; yalnızca birini bırakın.',
    jsonSyntax:
      '{{file}} dosyası geçerli bir JSON değil: {{line}}. satırda beklenmeyen bir şey var ({{after}}. kayıttan sonra).',
    jsonSyntaxAt: '{{file}} dosyası geçerli bir JSON değil: {{line}}. satırda beklenmeyen bir şey var.',
    truncated:
      '{{file}} dosyası JSON’un ortasında bitiyor ({{after}}. kayıttan sonra): kesik görünüyor. Dosyanın tamamını alıp yeniden içe aktarın.',
    textAfterEnd: '{{file}} dosyası geçerli bir JSON değil: JSON bittikten sonra metin var ({{line}}. satır).',
    brokenName: '{{file}} dosyası geçerli bir JSON değil: {{line}}. satırdaki bir alan adı bozuk.',
    utf16:
      '{{file}} dosyası UTF-16 (“Unicode Metin”) olarak kaydedilmiş, içe aktarılamaz. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    workbook:
      '{{file}} dosyası bir Excel çalışma kitabı (ya da başka bir zip dosyası), CSV değil. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    oldWorkbook:
      '{{file}} dosyası eski bir Excel çalışma kitabı (.xls), CSV değil. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    brokenUtf8:
      '{{file}} dosyası UTF-8 işaretiyle başlıyor ama geçerli UTF-8 değil; bozulmuş ya da başka bir kodlamayla düzenlenmiş. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
    mixedEncodings:
      '{{file}} dosyasında iki farklı metin kodlaması var: UTF-8 olarak başlıyor ama {{line}}. satır UTF-8 değil. Excel’de Dosya → Farklı Kaydet → “CSV UTF-8 (Virgülle ayrılmış) (*.csv)” seçip o dosyayı içe aktarın.',
  },
  reservationFile: {
    noRecords: '{{file}} dosyasında hiç rezervasyon yok.',
    tooManyRecords: '{{file}} dosyasında {{count}} kayıt var; bir seferde en fazla {{max}} kayıt içe aktarılabilir.',
    wrongShape:
      '{{file}} dosyası bir rezervasyon listesi, { "reservations": [...] } ya da tek bir rezervasyon nesnesi içermeli.',
  },
  backup: {
    notFound: 'Geri yüklenecek {{file}} dosyası bulunamadı.',
    notDatabase: '{{file}} bir veritabanı dosyası değil. Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi.',
    damaged:
      '{{file}} bozuk (SQLite’ın bulduğu: {{detail}}). Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi. Başka bir yedek seçin.',
    foreign: '{{file}} bir Sedna Stop Sales veritabanı değil. Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi.',
    newer:
      '{{file}}, Sedna Stop Sales’in daha yeni bir sürümüyle alınmış; bu sürüm onu okuyamaz. Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi. Geri yüklemek için uygulamanın yeni sürümünü kurun.',
    upgradeFailed:
      '{{file}} uygulamanın bu sürümüne uyarlanamadı ({{detail}}). Hiçbir şey geri yüklenmedi, hiçbir şey değişmedi.',
    writeFailed:
      'Yedek {{dir}} klasörüne yazılamadı ({{detail}}). Hiçbir şey değişmedi. Diskte yer olduğunu ve klasöre yazılabildiğini kontrol edin.',
    restoreFailed:
      '{{file}} veritabanına kopyalanamadı ({{detail}}). Mevcut veriler değişmedi; bir kopyası {{backup}} dosyasında.',
    sourceDamaged:
      'Veritabanı bozuk (SQLite’ın bulduğu: {{detail}}); bu yüzden alınan kopya kontrolden geçmedi ve saklanmadı. En yeni yedeği geri yükleyin.',
    exists: '{{file}} zaten var: başka bir ad seçin. Hiçbir şey yazılmadı.',
    noFolder: '{{dir}} klasörü yok. Hiçbir şey yazılmadı.',
    unknown: '{{dir}} klasöründe {{name}} adında bir yedek yok.',
    notAbsolute: 'Geri yüklenecek dosyayı tam yoluyla seçin ({{file}} değil).',
  },
  db: {
    busy: 'Veritabanı şu an meşgul: uygulamanın başka bir kopyası ya da komut satırı (sedna-stop-sales) ona yazıyor. Hiçbir şey kaydedilmedi; birazdan tekrar deneyin.',
    diskFull:
      '{{dir}} veri klasörünün bulunduğu diskte yer kalmadı. Hiçbir şey kaydedilmedi: o diskte biraz yer açın, sonra tekrar deneyin.',
    readOnly:
      '{{dir}} veri klasöründeki veritabanı okunabiliyor ama yazılamıyor (dosya ya da klasör salt okunur, veya disk yazmaya kapalı). Hiçbir şey kaydedilmedi: veri klasörünü bu kullanıcı için yazılabilir yapın, sonra uygulamayı yeniden başlatın.',
    damaged:
      '{{dir}} veri klasöründeki veritabanı bozulmuş. Hiçbir şey kaydedilmedi: bir yedeği geri yükleyin (Ayarlar → Yedekler ya da “sedna-stop-sales restore”), sonra tekrar deneyin.',
    io: '{{dir}} veri klasöründeki veritabanı okunamadı ya da yazılamadı (disk veya ağ sürücüsü hatası). Hiçbir şey kaydedilmedi: veri klasörünün bulunduğu diskin takılı ve çalışır durumda olduğunu kontrol edin, sonra tekrar deneyin.',
  },
  profiles: {
    httpNeedsConfirmation:
      '{{address}} adresi http:// ile başlıyor; Sedna şifresi şifrelenmeden gider. https:// kullanın ya da http:// adresini bilerek kullandığınızı onaylayın.',
    noPassword:
      '{{address}} adresindeki {{username}} için kayıtlı Sedna şifresi yok ("{{name}}"). Şifreyi Ayarlar’dan girin.',
  },
  sedna: {
    certificate:
      '{{host}} adresindeki Sedna sunucusuna güvenilmedi, bu yüzden hiçbir şey gönderilmedi: sunucunun sertifikası $t(errors.sedna.certificateProblem.{{problem}})',
    certificateProblem: {
      selfSigned:
        'kendinden imzalı (bir sertifika kuruluşu değil, sunucunun kendisi oluşturmuş). Şirketiniz kendi sertifikalarını kullanıyorsa bilgi işlemden şirket sertifikasını bu bilgisayara yüklemesini isteyin; kullanmıyorsa Sedna adresini kontrol edin.',
      untrusted:
        'bu bilgisayarın güvenmediği bir kuruluş tarafından verilmiş. Bilgi işlemden şirket sertifikasını bu bilgisayara yüklemesini isteyin ya da Sedna adresini kontrol edin.',
      expired:
        'artık geçerli değil, süresi dolmuş. Sedna sunucusunu yöneten kişiden sertifikayı yenilemesini isteyin; bu bilgisayarın tarih ve saatinin doğru olduğunu da kontrol edin.',
      notYetValid: 'henüz geçerli değil. Bu bilgisayarın tarih ve saatinin doğru olduğunu kontrol edin.',
      wrongName:
        '{{host}} için değil, başka bir ad için verilmiş. Sedna adresini kontrol edin (IP adresi yerine sertifikadaki adı kullanın) ya da bilgi işleme danışın.',
      revoked:
        'onu veren kuruluş tarafından iptal edilmiş. Sedna sunucusunu yöneten kişiye ya da bilgi işleme danışın.',
      invalid: 'doğrulanamadı. Bilgi işleme danışın ya da Sedna adresini kontrol edin.',
    },
    tooLarge:
      'Sedna’nın {{action}} isteğine verdiği yanıt, uygulamanın bu istek için kabul ettiği {{limit}} sınırından büyük; bu yüzden okunmadı.',
    deadline:
      '{{host}} adresindeki Sedna, {{action}} isteğinin yanıtını {{seconds}} saniye içinde tamamlamadı; uygulama beklemeyi bıraktı.',
    cancelled:
      'Sedna’ya giden istek ({{action}}) tamamlanmadan durduruldu: uygulama kapanıyor ya da istek iptal edildi. Yeniden denenecek.',
    proxyInvalid:
      '{{source}} içindeki proxy adresi kullanılamıyor (http://sunucu:port biçiminde olmalı). Düzeltin ya da Sedna’ya doğrudan bağlanmak için silin.',
    proxyRefused:
      '{{proxy}} proxy sunucusu, {{host}} adresindeki Sedna’ya bağlanmayı reddetti (HTTP {{status}}). Bilgi işleme danışın; proxy kullanıcı adı ve şifre istiyorsa bunları proxy adresine yazın (http://kullanıcı:şifre@proxy:port).',
    proxyNoRoute: '{{proxy}} proxy sunucusu {{host}} adresindeki Sedna’ya ulaşamadı (HTTP {{status}}).',
    proxyUnreachable:
      '{{proxy}} proxy sunucusuna ulaşılamadı. Proxy ayarını ({{source}}) ve sunucunun çalıştığını kontrol edin.',
  },
}
