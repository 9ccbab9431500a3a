/*
 * Frontdesk booking widget.
 *
 *   <script src="https://<frontdesk-host>/widget.js" async></script>
 *   <frontdesk-booking branch="<branch id>" locale="pl" service="<id>" doctor="<id>" accent="#0b5394"></frontdesk-booking>
 *
 * Plain modern JavaScript, no framework, no build step. Everything renders into an open
 * Shadow DOM with a constructed stylesheet, so the host page's CSS cannot reach inside
 * and the widget's cannot leak out; no inline styles or eval, so strict CSPs only need
 * this host in script-src and connect-src. The flow: service → doctor → day → time →
 * details → SMS code → done. All state lives in one object, so "back" never loses what
 * was typed, and a taken time only sends the patient back to fresh times.
 */
(() => {
  'use strict';
  if (customElements.get('frontdesk-booking')) return; // the script was included twice

  // The API is wherever this script was loaded from.
  const API = new URL((document.currentScript && document.currentScript.src) || location.href).origin;
  performance.mark('frontdesk:script');

  const LOCALES = ['en', 'ru', 'pl', 'sv'];
  const STEPS = ['service', 'doctor', 'day', 'time', 'details', 'code'];
  const MONTHS_AHEAD = 6; // how far "next month" goes; the server's horizon decides what is free
  const DEFAULT_ACCENT = '#0b5394';

  // Strings per language. Plural entries are objects keyed by Intl.PluralRules categories.
  const T = {
    en: {
      title: 'Book a visit', loading: 'Loading…', step: 'Step {n} of {total}',
      service: 'Choose a service', doctor: 'Choose a doctor', day: 'Choose a day', time: 'Choose a time',
      details: 'Your details', code: 'Confirm your phone', done: 'Your visit is booked',
      anyDoctor: 'Any available doctor', anyDoctorHint: 'The first free time with any of our doctors',
      back: 'Back', prev: 'Previous month', next: 'Next month',
      noneMonth: 'No free times this month.', firstFree: 'Go to the first free time: {date}',
      noneAtAll: 'There are no free times online in the coming weeks. Please call the clinic: {phone}.',
      times: { one: '{n} free time', other: '{n} free times' },
      first_name: 'First name', last_name: 'Last name', phone: 'Mobile phone',
      phoneHint: 'We will text you a code. A number from {country} can be typed without the country code.',
      email: 'E-mail (optional)', birth_date: 'Date of birth (optional)', complaint: 'What brings you in? (optional)',
      website: 'Leave this field empty', sendCode: 'Send me a code',
      codeSent: 'We sent a 6-digit code to {phone}.', holdUntil: 'We hold this time for you until {time}.',
      codeLabel: 'Code from the SMS', confirm: 'Confirm the booking', resend: 'Send a new code',
      resent: 'A new code is on its way.', doneText: 'See you on {date}.',
      addCal: 'Add to calendar', manage: 'Manage or cancel your visit',
      lService: 'Service', lDoctor: 'Doctor', lWhen: 'Date and time', lClinic: 'Clinic',
      slotTaken: 'Sorry — that time has just been taken. Here are the times that are free now; your details are kept.',
      holdGone: 'The time we held for you has been released. Please choose a time again; your details are kept.',
      network: 'We could not reach the clinic. Check your connection and try again.', retry: 'Try again',
      busy: 'Too many attempts. Please wait {wait} and try again.',
      rejected: 'We could not accept the form. Please check your details and send it again.',
      fixFields: 'Please correct the marked fields.',
      unknownBranch: 'This booking form cannot find its clinic. Please contact the clinic by phone.',
      noServices: 'Online booking is not available right now. Please call the clinic.',
      failed: 'Something went wrong on our side. Please try again.',
      codeWrong: { one: 'Wrong code. {n} attempt left.', other: 'Wrong code. {n} attempts left.' },
      tooManyCodes: 'No more codes can be sent. Please choose the time again.',
      resendSoon: 'A code was sent moments ago. You can ask for a new one in {wait}.',
      verified: 'This booking is already confirmed; the SMS we sent has the link to your visit.',
      lateChange: 'This time is soon: once booked, it cannot be moved or cancelled online, only by calling the clinic ({phone}).',
      err: {
        required: 'Please fill this in.', max: 'Too long: at most {n} characters.',
        phone: 'Please enter a valid phone number.', email: 'Please enter a valid e-mail address.',
        date: 'Please enter a real date of birth.', code: 'The code is 6 digits.', invalid: 'Please check this field.',
      },
    },
    ru: {
      title: 'Запись на приём', loading: 'Загрузка…', step: 'Шаг {n} из {total}',
      service: 'Выберите услугу', doctor: 'Выберите врача', day: 'Выберите день', time: 'Выберите время',
      details: 'Ваши данные', code: 'Подтвердите телефон', done: 'Вы записаны',
      anyDoctor: 'Любой свободный врач', anyDoctorHint: 'Ближайшее свободное время у любого из наших врачей',
      back: 'Назад', prev: 'Предыдущий месяц', next: 'Следующий месяц',
      noneMonth: 'В этом месяце свободного времени нет.', firstFree: 'Перейти к ближайшему свободному времени: {date}',
      noneAtAll: 'В ближайшие недели свободного времени для записи онлайн нет. Позвоните в клинику: {phone}.',
      times: { one: '{n} свободное окно', few: '{n} свободных окна', many: '{n} свободных окон', other: '{n} свободного окна' },
      first_name: 'Имя', last_name: 'Фамилия', phone: 'Мобильный телефон',
      phoneHint: 'Мы пришлём код в SMS. Местный номер ({country}) можно ввести без кода страны.',
      email: 'Эл. почта (необязательно)', birth_date: 'Дата рождения (необязательно)',
      complaint: 'Что вас беспокоит? (необязательно)', website: 'Оставьте это поле пустым', sendCode: 'Получить код',
      codeSent: 'Мы отправили 6-значный код на номер {phone}.', holdUntil: 'Мы держим это время для вас до {time}.',
      codeLabel: 'Код из SMS', confirm: 'Подтвердить запись', resend: 'Отправить новый код',
      resent: 'Новый код уже в пути.', doneText: 'Ждём вас: {date}.',
      addCal: 'Добавить в календарь', manage: 'Изменить или отменить запись',
      lService: 'Услуга', lDoctor: 'Врач', lWhen: 'Дата и время', lClinic: 'Клиника',
      slotTaken: 'Извините, это время только что заняли. Вот время, которое свободно сейчас; ваши данные сохранены.',
      holdGone: 'Время, которое мы для вас держали, освободилось. Выберите время ещё раз; ваши данные сохранены.',
      network: 'Не удалось связаться с клиникой. Проверьте подключение и попробуйте ещё раз.', retry: 'Попробовать ещё раз',
      busy: 'Слишком много попыток. Подождите {wait} и попробуйте снова.',
      rejected: 'Мы не смогли принять форму. Проверьте данные и отправьте её ещё раз.',
      fixFields: 'Исправьте, пожалуйста, отмеченные поля.',
      unknownBranch: 'Форма записи не может найти свою клинику. Пожалуйста, свяжитесь с клиникой по телефону.',
      noServices: 'Онлайн-запись сейчас недоступна. Позвоните в клинику.',
      failed: 'Что-то пошло не так на нашей стороне. Попробуйте ещё раз.',
      codeWrong: { one: 'Неверный код. Осталась {n} попытка.', few: 'Неверный код. Осталось {n} попытки.', many: 'Неверный код. Осталось {n} попыток.', other: 'Неверный код. Осталось {n} попытки.' },
      tooManyCodes: 'Больше кодов отправить нельзя. Выберите время заново.',
      resendSoon: 'Код только что отправлен. Новый можно запросить через {wait}.',
      verified: 'Эта запись уже подтверждена; ссылка на визит — в отправленном SMS.',
      lateChange: 'Это время уже скоро: после записи перенести или отменить визит онлайн будет нельзя, только по телефону клиники ({phone}).',
      err: {
        required: 'Заполните это поле.', max: { one: 'Слишком длинно: не более {n} символа.', other: 'Слишком длинно: не более {n} символов.' },
        phone: 'Введите правильный номер телефона.', email: 'Введите правильный адрес эл. почты.',
        date: 'Введите настоящую дату рождения.', code: 'Код состоит из 6 цифр.', invalid: 'Проверьте это поле.',
      },
    },
    pl: {
      title: 'Umów wizytę', loading: 'Ładowanie…', step: 'Krok {n} z {total}',
      service: 'Wybierz usługę', doctor: 'Wybierz lekarza', day: 'Wybierz dzień', time: 'Wybierz godzinę',
      details: 'Twoje dane', code: 'Potwierdź telefon', done: 'Wizyta zarezerwowana',
      anyDoctor: 'Dowolny wolny lekarz', anyDoctorHint: 'Najbliższy wolny termin u któregokolwiek z naszych lekarzy',
      back: 'Wstecz', prev: 'Poprzedni miesiąc', next: 'Następny miesiąc',
      noneMonth: 'W tym miesiącu nie ma wolnych terminów.', firstFree: 'Przejdź do najbliższego wolnego terminu: {date}',
      noneAtAll: 'W najbliższych tygodniach nie ma wolnych terminów online. Zadzwoń do kliniki: {phone}.',
      times: { one: '{n} wolny termin', few: '{n} wolne terminy', many: '{n} wolnych terminów', other: '{n} wolnego terminu' },
      first_name: 'Imię', last_name: 'Nazwisko', phone: 'Telefon komórkowy',
      phoneHint: 'Wyślemy kod SMS-em. Numer krajowy ({country}) można wpisać bez numeru kierunkowego kraju.',
      email: 'E-mail (opcjonalnie)', birth_date: 'Data urodzenia (opcjonalnie)', complaint: 'Co Ci dolega? (opcjonalnie)',
      website: 'Zostaw to pole puste', sendCode: 'Wyślij mi kod',
      codeSent: 'Wysłaliśmy 6-cyfrowy kod na numer {phone}.', holdUntil: 'Trzymamy dla Ciebie ten termin do {time}.',
      codeLabel: 'Kod z SMS-a', confirm: 'Potwierdź rezerwację', resend: 'Wyślij nowy kod',
      resent: 'Nowy kod jest już w drodze.', doneText: 'Do zobaczenia: {date}.',
      addCal: 'Dodaj do kalendarza', manage: 'Zmień lub odwołaj wizytę',
      lService: 'Usługa', lDoctor: 'Lekarz', lWhen: 'Data i godzina', lClinic: 'Klinika',
      slotTaken: 'Przepraszamy, ten termin został właśnie zajęty. Oto terminy wolne teraz; Twoje dane zostały zachowane.',
      holdGone: 'Termin, który dla Ciebie trzymaliśmy, został zwolniony. Wybierz termin ponownie; Twoje dane zostały zachowane.',
      network: 'Nie udało się połączyć z kliniką. Sprawdź połączenie i spróbuj ponownie.', retry: 'Spróbuj ponownie',
      busy: 'Zbyt wiele prób. Odczekaj {wait} i spróbuj ponownie.',
      rejected: 'Nie mogliśmy przyjąć formularza. Sprawdź dane i wyślij go ponownie.',
      fixFields: 'Popraw zaznaczone pola.',
      unknownBranch: 'Formularz rezerwacji nie może znaleźć swojej kliniki. Skontaktuj się z kliniką telefonicznie.',
      noServices: 'Rezerwacja online jest teraz niedostępna. Zadzwoń do kliniki.',
      failed: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie.',
      codeWrong: { one: 'Błędny kod. Została {n} próba.', few: 'Błędny kod. Zostały {n} próby.', many: 'Błędny kod. Zostało {n} prób.', other: 'Błędny kod. Zostało {n} próby.' },
      tooManyCodes: 'Nie można wysłać więcej kodów. Wybierz termin ponownie.',
      resendSoon: 'Kod został właśnie wysłany. Nowy możesz zamówić za {wait}.',
      verified: 'Ta rezerwacja jest już potwierdzona; link do wizyty jest w wysłanym SMS-ie.',
      lateChange: 'Ten termin jest już blisko: po rezerwacji nie da się go przełożyć ani odwołać online, tylko telefonicznie ({phone}).',
      err: {
        required: 'Wypełnij to pole.', max: { one: 'Za długie: najwyżej {n} znak.', few: 'Za długie: najwyżej {n} znaki.', many: 'Za długie: najwyżej {n} znaków.', other: 'Za długie: najwyżej {n} znaku.' },
        phone: 'Podaj poprawny numer telefonu.', email: 'Podaj poprawny adres e-mail.',
        date: 'Podaj prawdziwą datę urodzenia.', code: 'Kod ma 6 cyfr.', invalid: 'Sprawdź to pole.',
      },
    },
    sv: {
      title: 'Boka besök', loading: 'Laddar…', step: 'Steg {n} av {total}',
      service: 'Välj behandling', doctor: 'Välj tandläkare', day: 'Välj dag', time: 'Välj tid',
      details: 'Dina uppgifter', code: 'Bekräfta ditt telefonnummer', done: 'Ditt besök är bokat',
      anyDoctor: 'Valfri ledig tandläkare', anyDoctorHint: 'Första lediga tid hos någon av våra tandläkare',
      back: 'Tillbaka', prev: 'Föregående månad', next: 'Nästa månad',
      noneMonth: 'Inga lediga tider den här månaden.', firstFree: 'Gå till första lediga tid: {date}',
      noneAtAll: 'Det finns inga lediga tider online de närmaste veckorna. Ring kliniken: {phone}.',
      times: { one: '{n} ledig tid', other: '{n} lediga tider' },
      first_name: 'Förnamn', last_name: 'Efternamn', phone: 'Mobilnummer',
      phoneHint: 'Vi skickar en kod via sms. Ett nummer från {country} kan skrivas utan landsnummer.',
      email: 'E-post (valfritt)', birth_date: 'Födelsedatum (valfritt)', complaint: 'Vad gäller besöket? (valfritt)',
      website: 'Lämna fältet tomt', sendCode: 'Skicka en kod',
      codeSent: 'Vi har skickat en sexsiffrig kod till {phone}.', holdUntil: 'Vi håller tiden åt dig till {time}.',
      codeLabel: 'Kod från sms', confirm: 'Bekräfta bokningen', resend: 'Skicka ny kod',
      resent: 'En ny kod är på väg.', doneText: 'Välkommen {date}.',
      addCal: 'Lägg till i kalendern', manage: 'Ändra eller avboka besöket',
      lService: 'Behandling', lDoctor: 'Tandläkare', lWhen: 'Datum och tid', lClinic: 'Klinik',
      slotTaken: 'Tyvärr, den tiden har just bokats. Här är tiderna som är lediga nu; dina uppgifter finns kvar.',
      holdGone: 'Tiden vi höll åt dig har släppts. Välj en tid igen; dina uppgifter finns kvar.',
      network: 'Vi kunde inte nå kliniken. Kontrollera anslutningen och försök igen.', retry: 'Försök igen',
      busy: 'För många försök. Vänta {wait} och försök igen.',
      rejected: 'Vi kunde inte ta emot formuläret. Kontrollera uppgifterna och skicka igen.',
      fixFields: 'Rätta de markerade fälten.',
      unknownBranch: 'Bokningsformuläret hittar inte sin klinik. Kontakta kliniken per telefon.',
      noServices: 'Onlinebokning är inte tillgänglig just nu. Ring kliniken.',
      failed: 'Något gick fel hos oss. Försök igen.',
      codeWrong: { one: 'Fel kod. {n} försök kvar.', other: 'Fel kod. {n} försök kvar.' },
      tooManyCodes: 'Inga fler koder kan skickas. Välj tiden igen.',
      resendSoon: 'En kod skickades nyss. Du kan be om en ny om {wait}.',
      verified: 'Bokningen är redan bekräftad; länken till besöket finns i sms:et.',
      lateChange: 'Tiden är snart: när den är bokad kan den inte bokas om eller avbokas här, bara genom att ringa kliniken ({phone}).',
      err: {
        required: 'Fyll i det här fältet.', max: 'För långt: högst {n} tecken.',
        phone: 'Ange ett giltigt telefonnummer.', email: 'Ange en giltig e-postadress.',
        date: 'Ange ett riktigt födelsedatum.', code: 'Koden har sex siffror.', invalid: 'Kontrollera fältet.',
      },
    },
  };

  // Server error codes of a field → the key of the message shown on it.
  const FIELD_CODES = { required: 'required', max: 'max', phone: 'phone', email: 'email', range: 'date',
    datetime: 'date', len: 'code', numeric: 'code' };
  // Server field paths → the widget's inputs.
  const FIELD_INPUTS = { 'patient.first_name': 'first_name', 'patient.last_name': 'last_name',
    'patient.phone': 'phone', 'patient.email': 'email', 'patient.birth_date': 'birth_date', complaint: 'complaint',
    code: 'code' };
  // Answers to a hold that mean "this time is no longer yours to take": show fresh times.
  const TIME_GONE = ['slot_taken', 'no_chair_free', 'too_soon', 'not_on_grid', 'outside_working_time', 'too_far'];
  const HOLD_GONE = ['hold_expired', 'hold_released', 'hold_not_found', 'too_many_codes'];

  const STYLE = `
:host{all:initial!important;display:block!important;visibility:visible!important;opacity:1!important;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif!important;
  color:#1a1a1a!important;text-align:start!important;position:relative!important;contain:content}
:host([hidden]){display:none!important}
*,*::before,*::after{box-sizing:border-box}
.fd{container-type:inline-size;max-width:640px;padding:16px;background:#fff;border:1px solid #c5ccd3;border-radius:12px;
  font-size:16px;overflow-wrap:break-word}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 12px;align-items:baseline;margin:0 0 8px}
h2{font-size:20px;line-height:1.3;margin:0;font-weight:700}
.brand,.progress,.hint,.meta{font-size:14px;color:#4a5560;margin:0}
h3{font-size:18px;line-height:1.3;margin:4px 0 12px;font-weight:700;outline:none}
p{margin:0 0 12px}
button,input,textarea,a{font:inherit;color:inherit}
button{cursor:pointer;min-height:44px;border-radius:8px;border:1px solid #7d8791;background:#fff;padding:8px 14px}
button:disabled{cursor:default;color:#6b7580;background:#f4f5f7;border-color:#e1e4e8}
:focus-visible{outline:3px solid var(--fd-accent);outline-offset:2px}
h3:focus-visible{outline-offset:4px}
.list{display:grid;gap:8px;margin:0 0 8px;padding:0;list-style:none}
.opt{display:flex;flex-wrap:wrap;width:100%;justify-content:space-between;align-items:center;gap:2px 12px;text-align:start;padding:10px 14px}
.opt .name{font-weight:600;min-width:0}
.opt .meta{white-space:nowrap}
.opt[aria-pressed=true]{border:2px solid var(--fd-accent);background:var(--fd-tint)}
.opt img{width:40px;height:40px;border-radius:50%;object-fit:cover;flex:none}
.who{display:flex;align-items:center;gap:12px}
.primary{background:var(--fd-accent);color:var(--fd-on-accent);border-color:var(--fd-accent);font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:16px}
.nav{display:flex;justify-content:space-between;align-items:center;gap:8px;margin:0 0 8px}
.nav .month{font-weight:700;text-align:center;flex:1}
.nav button{min-width:44px;padding:8px}
table{width:100%;border-collapse:separate;border-spacing:3px;table-layout:fixed}
th{font-size:13px;font-weight:600;color:#4a5560;padding:2px 0;text-align:center;white-space:nowrap;overflow-wrap:normal}
td{padding:0;text-align:center}
td button{width:100%;min-height:40px;padding:4px 0;border-color:transparent;background:none}
td button.free{background:var(--fd-tint);border-color:var(--fd-accent);font-weight:700}
td button[aria-pressed=true]{background:var(--fd-accent);color:var(--fd-on-accent)}
td button:disabled{background:none;border-color:transparent;color:#6b7580}
.times{display:grid;grid-template-columns:repeat(auto-fill,minmax(84px,1fr));gap:8px}
label{display:block;font-weight:600;margin:12px 0 4px}
input,textarea{display:block;width:100%;min-height:44px;padding:8px 10px;border:1px solid #6b7580;border-radius:6px;background:#fff}
textarea{min-height:72px;resize:vertical}
[aria-invalid=true]{border:2px solid #b00020}
.ferr{color:#b00020;font-size:14px;margin:4px 0 0;font-weight:600}
.alert:empty{display:none}
.alert{border-inline-start:4px solid #b00020;background:#fdecee;padding:10px 12px;margin:0 0 12px;border-radius:4px}
.alert.info{border-color:var(--fd-accent);background:var(--fd-tint)}
.alert p{margin:0}
.alert button{margin-top:8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 12px;padding:12px;background:#f4f6f8;border-radius:8px}
dt{color:#4a5560}
dd{margin:0;font-weight:600}
a{color:var(--fd-link);text-decoration:underline}
.links{display:flex;flex-wrap:wrap;gap:8px 16px}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
[aria-busy=true]{opacity:.7}
@container (max-width:420px){.fd{padding:12px}dl{grid-template-columns:1fr}dd{margin-bottom:6px}}
`;
  let sheet; // one constructed stylesheet shared by every widget on the page
  function styles() {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    return sheet;
  }

  // h builds an element; text is always set as text, never parsed as HTML.
  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) el.append(kid);
    return el;
  }

  function fill(str, vars) {
    return str.replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? vars[k] : m));
  }

  // ApiError is an answer other than 2xx, or no answer at all (network).
  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      super((body && body.code) || (status ? 'http_' + status : 'network'));
      this.status = status;
      this.code = (body && body.code) || '';
      this.fields = (body && body.errors) || [];
      this.retryAfter = retryAfter || 0;
    }
  }

  async function api(method, path, body) {
    let res;
    try {
      res = await fetch(API + path, {
        method, mode: 'cors', credentials: 'omit',
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      throw new ApiError(0, null, 0);
    }
    let data = null;
    try { data = await res.json(); } catch (e) { /* an empty or non-JSON answer */ }
    if (!res.ok) throw new ApiError(res.status, data, Number(res.headers.get('Retry-After')) || 0);
    return data;
  }

  // Calendar dates are 'YYYY-MM-DD' strings of the branch's zone; arithmetic on them
  // goes through UTC noon so no local zone or DST shift can move a day.
  const dateOf = (s) => new Date(s + 'T12:00:00Z');
  const isoDate = (d) => d.toISOString().slice(0, 10);
  const addMonths = (month, n) => isoDate(new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7) - 1 + n, 1, 12))).slice(0, 7);
  const daysIn = (month) => new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).getUTCDate();
  const todayIn = (tz) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

  function pickLocale(...candidates) {
    for (const c of candidates) {
      const l = String(c || '').slice(0, 2).toLowerCase();
      if (LOCALES.includes(l)) return l;
    }
    return 'en';
  }

  class Booking extends HTMLElement {
    static get observedAttributes() { return ['branch', 'locale', 'service', 'doctor', 'accent']; }

    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'open' });
      this.root.adoptedStyleSheets = [styles()];
      // Any click or key inside means the patient is using the widget: from then on
      // focus follows each new step (never on page load, which would scroll the page).
      this.root.addEventListener('click', () => { this.interacted = true; }, true);
      this.root.addEventListener('keydown', () => { this.interacted = true; }, true);
    }

    connectedCallback() {
      if (!this.s) this.start();
    }

    attributeChangedCallback(name, before, after) {
      if (this.s && before !== after) this.start();
    }

    // start (re)builds the widget from its attributes and loads the branch.
    start() {
      const patient = this.s ? this.s.patient : { first_name: '', last_name: '', phone: '', email: '', birth_date: '', complaint: '', website: '' };
      this.s = { step: 'loading', patient, cache: new Map(), opened: performance.now(), code: '' };
      this.locale = pickLocale(this.getAttribute('locale'), document.documentElement.lang);
      this.shell();
      this.render();
      this.load();
    }

    get t() { return T[this.locale]; }

    // tr translates key, choosing the plural form for vars.n when the entry has forms.
    tr(key, vars, table) {
      let v = (table || this.t)[key];
      if (v && typeof v === 'object') v = v[new Intl.PluralRules(this.locale).select(vars.n)] || v.other;
      return fill(v || key, vars);
    }

    shell() {
      this.heading = h('h2', {}, this.t.title);
      this.brand = h('p', { class: 'brand' });
      this.alert = h('div', { class: 'alert', role: 'alert' });
      this.body = h('div', { class: 'body' });
      this.frame = h('div', { class: 'fd', part: 'frame' },
        h('div', { class: 'top' }, this.heading, this.brand), this.alert, this.body);
      this.root.replaceChildren(this.frame);
      this.applyAccent();
    }

    // applyAccent sets the accent colour and picks the text colour on it (black or
    // white, whichever contrasts more) so a light accent still reads at WCAG AA.
    applyAccent() {
      const want = this.getAttribute('accent');
      const accent = want && CSS.supports('color', want) ? want : DEFAULT_ACCENT;
      this.frame.style.color = accent;
      const rgb = (getComputedStyle(this.frame).color.match(/[\d.]+/g) || [11, 83, 148]).map(Number);
      this.frame.style.removeProperty('color');
      const lum = luminance(rgb);
      const onAccent = (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.0556) ? '#fff' : '#111';
      this.frame.style.setProperty('--fd-accent', accent);
      this.frame.style.setProperty('--fd-on-accent', onAccent);
      this.frame.style.setProperty('--fd-tint', `color-mix(in srgb, ${accent} 10%, #fff)`);
      this.frame.style.setProperty('--fd-link', 1.05 / (lum + 0.05) >= 4.5 ? accent : '#1a1a1a');
    }

    // ---- loading and navigation ----

    async load() {
      const branch = (this.getAttribute('branch') || '').trim();
      if (!/^[0-9a-f-]{36}$/i.test(branch)) return this.fatal('unknownBranch');
      try {
        this.cat = await api('GET', '/api/v1/public/branches/' + encodeURIComponent(branch));
      } catch (e) {
        if (e.status === 404) return this.fatal('unknownBranch');
        return this.fail(e, () => this.load());
      }
      this.locale = pickLocale(this.getAttribute('locale'), document.documentElement.lang, this.cat.locale);
      this.tag = localeTag(this.locale, this.cat.country);
      this.heading.textContent = this.t.title;
      this.brand.textContent = this.cat.name;
      if (!this.cat.services.length) return this.fatal('noServices');
      this.preset();
      await this.go(this.s.service ? (this.s.doctor !== undefined ? 'day' : 'doctor') : 'service');
      performance.mark('frontdesk:ready');
    }

    // preset applies the service and doctor attributes when they name real ones.
    preset() {
      const service = this.getAttribute('service');
      if (this.cat.services.some((p) => p.id === service)) this.s.service = service;
      const doctor = this.getAttribute('doctor');
      if (this.s.service && this.doctors().some((d) => d.id === doctor)) this.s.doctor = doctor;
    }

    fatal(key) {
      this.s.step = 'fatal';
      this.body.replaceChildren();
      this.say(this.t[key]);
    }

    // go shows a step, loading the month first when the step needs it; notice is an
    // announcement that belongs to the new step (e.g. "that time was just taken").
    async go(step, notice) {
      this.clear();
      if ((step === 'day' || step === 'time') && !this.monthData()) {
        this.s.month = this.s.month || todayIn(this.cat.time_zone).slice(0, 7);
        if (!(await this.fetchMonth(step === 'time' ? this.s.day : null))) return;
      }
      if (step === 'time' && this.s.day && !this.dayTimes() && !(await this.fetchDay())) return;
      if (step === 'time' && !this.daySlots().length) step = 'day';
      this.s.step = step;
      this.render();
      if (notice) this.say(notice, null, 'info');
    }

    back() {
      const i = STEPS.indexOf(this.s.step);
      this.go(STEPS[Math.max(i - 1, 0)]);
    }

    render() {
      const step = this.s.step;
      this.frame.setAttribute('lang', this.locale);
      this.frame.dataset.step = step;
      const view = { loading: () => h('p', {}, this.t.loading), service: () => this.viewService(),
        doctor: () => this.viewDoctor(), day: () => this.viewDay(), time: () => this.viewTime(),
        details: () => this.viewDetails(), code: () => this.viewCode(), done: () => this.viewDone() }[step];
      this.body.replaceChildren(view());
      const title = this.body.querySelector('h3');
      if (title && this.interacted) title.focus();
    }

    // step wraps a step's content with its number, its heading and a back button.
    step(key, content, opts = {}) {
      const n = STEPS.indexOf(key) + 1;
      return h('section', { 'aria-labelledby': 'fd-step' },
        n ? h('p', { class: 'progress' }, this.tr('step', { n, total: STEPS.length })) : null,
        h('h3', { id: 'fd-step', tabindex: '-1' }, this.t[key]),
        content,
        opts.noBack ? null : h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'back', onclick: () => this.back() }, this.t.back)));
    }

    // ---- messages ----

    clear() {
      this.alert.replaceChildren();
      this.alert.className = 'alert';
    }

    // say shows (and, through role=alert, announces) a message, with a retry button
    // when the action can simply be tried again.
    say(text, retry, kind) {
      this.alert.className = 'alert' + (kind ? ' ' + kind : '');
      this.alert.replaceChildren(h('p', {}, text));
      if (retry) this.alert.append(h('button', { type: 'button', onclick: () => { this.clear(); retry(); } }, this.t.retry));
    }

    // fail explains an error that no step handles itself.
    fail(e, retry) {
      if (e.status === 429) return this.say(this.tr('busy', { wait: this.seconds(e.retryAfter || 60) }), retry);
      if (e.status === 422 && e.code === 'rejected') return this.say(this.t.rejected);
      this.say(e.status ? this.t.failed : this.t.network, retry);
    }

    // run guards an action against double clicks and marks the widget busy meanwhile.
    async run(action) {
      if (this.pending) return;
      this.pending = true;
      this.body.setAttribute('aria-busy', 'true');
      try {
        await action();
      } finally {
        this.pending = false;
        this.body.removeAttribute('aria-busy');
      }
    }

    // ---- formatting (Intl, in the patient's language and the branch's zone) ----

    name(p) {
      return p.names[this.locale] || p.names.en || Object.values(p.names)[0] || '';
    }

    fmt(date, opts) {
      return new Intl.DateTimeFormat(this.tag, { timeZone: this.cat.time_zone, ...opts }).format(date);
    }

    day(s, opts) {
      return new Intl.DateTimeFormat(this.tag, { timeZone: 'UTC', ...opts }).format(dateOf(s));
    }

    clock(iso) { return this.fmt(new Date(iso), { hour: 'numeric', minute: '2-digit' }); }

    when(iso) { return this.fmt(new Date(iso), { dateStyle: 'full', timeStyle: 'short' }); }

    seconds(n) {
      return new Intl.NumberFormat(this.tag, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(n);
    }

    price(p) {
      const f = new Intl.NumberFormat(this.tag, { style: 'currency', currency: p.currency });
      return f.format(p.price_minor / 10 ** f.resolvedOptions().maximumFractionDigits);
    }

    // ---- step 1: service ----

    viewService() {
      const minutes = new Intl.NumberFormat(this.tag, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
      return this.step('service', h('ul', { class: 'list' }, this.cat.services.map((p) => h('li', {},
        h('button', { type: 'button', class: 'opt', 'aria-pressed': String(p.id === this.s.service),
          onclick: () => this.chooseService(p.id) },
        h('span', { class: 'name' }, this.name(p)),
        h('span', { class: 'meta' }, minutes.format(p.duration_minutes) + ' · ' + this.price(p)))))),
      { noBack: true });
    }

    chooseService(id) {
      if (id !== this.s.service) Object.assign(this.s, { service: id, slot: null, day: null });
      if (this.s.doctor && !this.doctors().some((d) => d.id === this.s.doctor)) this.s.doctor = undefined;
      this.go('doctor');
    }

    doctors() {
      return this.cat.doctors.filter((d) => d.service_ids.includes(this.s.service));
    }

    // ---- step 2: doctor ----

    viewDoctor() {
      const option = (id, label, hint, photo) => h('li', {}, h('button', { type: 'button', class: 'opt',
        'aria-pressed': String(this.s.doctor === id), onclick: () => this.run(() => this.chooseDoctor(id)) },
      h('span', { class: 'who' }, photo ? h('img', { src: photo, alt: '', width: 40, height: 40 }) : null,
        h('span', {}, h('span', { class: 'name' }, label), hint ? h('br') : null, hint ? h('span', { class: 'meta' }, hint) : null))));
      return this.step('doctor', h('ul', { class: 'list' },
        option('', this.t.anyDoctor, this.t.anyDoctorHint),
        this.doctors().map((d) => option(d.id, d.display_name, d.specialty, d.photo_url))));
    }

    async chooseDoctor(id) {
      if (id !== this.s.doctor) Object.assign(this.s, { doctor: id, slot: null });
      await this.go('day');
    }

    // ---- availability: one request per user action, cached ----
    // The lean answer: a month view asks for each day's number of free times; choosing
    // a day asks for that day's times (doctors by their place in the answer's list).

    monthKey() { return [this.s.service, this.s.doctor || '', this.s.month].join('|'); }

    dayKey(date) { return [this.s.service, this.s.doctor || '', date || this.s.day].join('|'); }

    monthData() { return this.s.month && this.s.cache.get(this.monthKey()); }

    dayTimes(date) { return this.s.cache.get('day|' + this.dayKey(date)); }

    // fetchMonth asks for the month's free times per day and, given a day of it, that
    // day's times too: one request after a time was taken refreshes both.
    async fetchMonth(day) {
      const today = todayIn(this.cat.time_zone);
      const from = this.s.month === today.slice(0, 7) ? today : this.s.month + '-01';
      const days = daysIn(this.s.month) - +from.slice(8) + 1;
      const data = await this.ask(from, days, day && day >= from && day.slice(0, 7) === this.s.month ? day : '');
      if (data) this.s.cache.set(this.monthKey(), data);
      return !!data;
    }

    async fetchDay() {
      return !!(await this.ask(this.s.day, 1, this.s.day));
    }

    // ask sends one lean availability request and keeps the times of the day it names.
    async ask(from, days, day) {
      const q = new URLSearchParams({ branch_id: this.cat.id, service_id: this.s.service, from,
        days: String(days), shape: 'lean' });
      if (day) q.set('day', day);
      if (this.s.doctor) q.set('doctor_id', this.s.doctor);
      try {
        const data = await api('GET', '/api/v1/public/availability?' + q);
        if (data.day) {
          const ids = data.doctors.map((d) => d.id);
          this.s.cache.set('day|' + this.dayKey(data.day.date),
            data.day.times.map((t) => ({ start: t.start, doctors: t.doctors.map((i) => ids[i]) })));
        }
        return data;
      } catch (e) {
        this.fail(e, () => this.run(() => this.go(this.s.step === 'time' ? 'time' : 'day')));
        return null;
      }
    }

    daySlots(date) {
      return this.dayTimes(date) || [];
    }

    // ---- step 3: day ----

    viewDay() {
      const data = this.monthData();
      const month = this.s.month;
      const thisMonth = todayIn(this.cat.time_zone).slice(0, 7);
      const title = this.day(month + '-01', { month: 'long', year: 'numeric' });
      const nav = h('div', { class: 'nav' },
        h('button', { type: 'button', 'aria-label': this.t.prev, disabled: month <= thisMonth,
          onclick: () => this.run(() => this.moveMonth(-1)) }, '‹'),
        h('p', { class: 'month', id: 'fd-month' }, title.charAt(0).toLocaleUpperCase(this.tag) + title.slice(1)),
        h('button', { type: 'button', 'aria-label': this.t.next, disabled: month >= addMonths(thisMonth, MONTHS_AHEAD),
          onclick: () => this.run(() => this.moveMonth(1)) }, '›'));
      const free = data.days.some((d) => d.free);
      return this.step('day', [nav, this.calendar(data), free ? null : this.noneThisMonth(data)]);
    }

    calendar(data) {
      const first = firstWeekday(this.tag);
      const month = this.s.month;
      const lead = (dateOf(month + '-01').getUTCDay() - first % 7 + 7) % 7;
      const cells = Array.from({ length: lead }, () => h('td'));
      for (let d = 1; d <= daysIn(month); d++) cells.push(h('td', {}, this.dayButton(month + '-' + String(d).padStart(2, '0'), data)));
      const rows = [];
      for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
      const head = Array.from({ length: 7 }, (_, i) => {
        const date = isoDate(new Date(Date.UTC(2024, 0, first % 7 + i, 12))); // 2024-01-01 was a Monday
        return h('th', { scope: 'col', abbr: this.day(date, { weekday: 'long' }) }, this.day(date, { weekday: 'short' }));
      });
      return h('table', { 'aria-labelledby': 'fd-month' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows));
    }

    dayButton(date, data) {
      const day = data.days.find((x) => x.date === date);
      const n = day ? day.free : 0;
      const label = this.day(date, { weekday: 'long', day: 'numeric', month: 'long' }) + (n ? ', ' + this.tr('times', { n }) : '');
      return h('button', { type: 'button', class: n ? 'free' : null, disabled: !n, 'aria-label': label,
        'aria-pressed': n ? String(date === this.s.day) : null,
        onclick: () => { this.s.day = date; this.go('time'); } }, String(+date.slice(8)));
    }

    noneThisMonth(data) {
      const next = data.next_available;
      if (!next) return h('p', {}, this.tr('noneAtAll', { phone: this.cat.phone }));
      const date = next.start.slice(0, 10);
      return h('div', {}, h('p', {}, this.t.noneMonth), h('button', { type: 'button', class: 'primary',
        onclick: () => this.run(() => this.jumpTo(date)) }, this.tr('firstFree', { date: this.day(date, { day: 'numeric', month: 'long' }) })));
    }

    async moveMonth(n) {
      this.s.month = addMonths(this.s.month, n);
      await this.go('day');
    }

    async jumpTo(date) {
      Object.assign(this.s, { month: date.slice(0, 7), day: date });
      await this.go('time');
    }

    // ---- step 4: time ----

    viewTime() {
      const title = this.day(this.s.day, { weekday: 'long', day: 'numeric', month: 'long' });
      return this.step('time', [h('p', { class: 'meta', id: 'fd-day' }, title),
        h('div', { class: 'times', role: 'group', 'aria-labelledby': 'fd-day' }, this.daySlots().map((slot) =>
          h('button', { type: 'button', 'aria-pressed': String(!!this.s.slot && this.s.slot.start === slot.start),
            onclick: () => { this.s.slot = slot; this.go('details'); } }, this.clock(slot.start))))]);
    }

    // ---- step 5: details ----

    summary(visit) {
      const s = this.s;
      const service = this.cat.services.find((p) => p.id === s.service);
      const doctor = visit ? visit.doctor : this.cat.doctors.find((d) => d.id === s.doctor);
      const rows = [[this.t.lService, visit ? visit.service.name : this.name(service)],
        [this.t.lDoctor, doctor ? doctor.display_name : this.t.anyDoctor],
        [this.t.lWhen, this.when(visit ? visit.start : s.slot.start)]];
      if (visit) rows.push([this.t.lClinic, [visit.branch.name, visit.branch.address].filter(Boolean).join(', ')]);
      return h('dl', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    }

    // lateNote says, before booking, that a time inside the service's change window
    // cannot be moved or cancelled online once booked: only by phone.
    lateNote() {
      const service = this.cat.services.find((p) => p.id === this.s.service);
      const window = service ? service.change_window_minutes : 0;
      if (!window || Date.parse(this.s.slot.start) - Date.now() >= window * 60000) return null;
      return h('div', { class: 'alert info late' }, h('p', {}, this.tr('lateChange', { phone: this.cat.phone })));
    }

    field(key, attrs, hint) {
      const id = 'fd-' + key;
      const input = h(key === 'complaint' ? 'textarea' : 'input', { id, name: key,
        'aria-describedby': hint ? id + '-hint' : null, ...attrs,
        oninput: (e) => { this.s.patient[key] = e.target.value; } });
      input.value = this.s.patient[key];
      return h('div', { class: 'field' }, h('label', { for: id }, this.t[key]), input,
        hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null);
    }

    viewDetails() {
      const country = regionName(this.tag, this.cat.country);
      const form = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); this.run(() => this.hold()); } },
        this.summary(), this.lateNote(),
        this.field('first_name', { autocomplete: 'given-name', required: true }),
        this.field('last_name', { autocomplete: 'family-name', required: true }),
        this.field('phone', { type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: true },
          this.tr('phoneHint', { country })),
        this.field('email', { type: 'email', autocomplete: 'email' }),
        this.field('birth_date', { type: 'date', autocomplete: 'bday' }),
        this.field('complaint', { rows: 3 }),
        // The honeypot: off-screen and out of the tab order; people never fill it.
        h('div', { class: 'hp', 'aria-hidden': 'true' }, this.field('website', { tabindex: '-1', autocomplete: 'off' })),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, this.t.sendCode)));
      return this.step('details', form);
    }

    holdBody() {
      const p = this.s.patient;
      const body = { service_id: this.s.service, start: this.s.slot.start, complaint: p.complaint.trim(),
        website: p.website, elapsed_ms: Math.round(performance.now() - this.s.opened),
        patient: { first_name: p.first_name, last_name: p.last_name, phone: p.phone, locale: this.locale } };
      if (p.email.trim()) body.patient.email = p.email.trim();
      if (p.birth_date) body.patient.birth_date = p.birth_date;
      if (this.s.doctor) body.doctor_id = this.s.doctor;
      return body;
    }

    async hold() {
      const body = this.holdBody();
      const key = JSON.stringify({ ...body, elapsed_ms: 0 });
      if (this.s.hold && this.s.hold.key === key) return this.go('code'); // back and forth: the hold still stands
      try {
        const hold = await api('POST', '/api/v1/public/holds?branch_id=' + encodeURIComponent(this.cat.id), body);
        Object.assign(this.s, { hold: { ...hold, key }, code: '' });
        await this.go('code');
      } catch (e) {
        if (TIME_GONE.includes(e.code)) return this.timeGone('slotTaken');
        if (!this.markFields(e)) this.fail(e, () => this.run(() => this.hold()));
      }
    }

    // timeGone forgets the chosen time, reloads the month and the day (one request) and shows the
    // times free now, keeping everything the patient typed.
    async timeGone(key) {
      this.s.cache.delete(this.monthKey());
      this.s.cache.delete('day|' + this.dayKey());
      Object.assign(this.s, { slot: null, hold: null });
      await this.go('time', this.t[key]);
    }

    // markFields puts the server's field errors on their inputs, in the patient's
    // language, and focuses the first; false when the error is not about fields.
    markFields(e) {
      const bad = (e.fields || []).filter((f) => FIELD_INPUTS[f.field] && this.root.getElementById('fd-' + FIELD_INPUTS[f.field]));
      if (!bad.length || (e.status !== 400 && e.status !== 422)) return false;
      this.root.querySelectorAll('.ferr').forEach((el) => el.remove());
      this.root.querySelectorAll('[aria-invalid]').forEach((el) => {
        el.removeAttribute('aria-invalid');
        this.describe(el);
      });
      for (const f of bad) {
        const input = this.root.getElementById('fd-' + FIELD_INPUTS[f.field]);
        input.setAttribute('aria-invalid', 'true');
        input.after(h('p', { class: 'ferr', id: input.id + '-err' }, this.fieldMessage(f)));
        this.describe(input);
      }
      this.say(this.t.fixFields);
      this.root.getElementById('fd-' + FIELD_INPUTS[bad[0].field]).focus();
      return true;
    }

    // describe points an input at its error message and its hint, whichever exist.
    describe(input) {
      const ids = [input.id + '-err', input.id + '-hint'].filter((id) => this.root.getElementById(id));
      if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
      else input.removeAttribute('aria-describedby');
    }

    fieldMessage(f) {
      const n = Number((String(f.message).match(/\d+/) || [0])[0]);
      if (f.code === 'wrong_code') return this.tr('codeWrong', { n });
      return this.tr(FIELD_CODES[f.code] || 'invalid', { n }, this.t.err);
    }

    // ---- step 6: code ----

    viewCode() {
      const form = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); this.run(() => this.verify()); } },
        h('p', {}, this.tr('codeSent', { phone: this.s.patient.phone })),
        h('p', { class: 'hint' }, this.tr('holdUntil', { time: this.clock(this.s.hold.expires_at) })),
        h('label', { for: 'fd-code' }, this.t.codeLabel),
        h('input', { id: 'fd-code', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
          maxlength: 6, required: true, value: this.s.code, oninput: (e) => { this.s.code = e.target.value.trim(); } }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, this.t.confirm),
          h('button', { type: 'button', onclick: () => this.run(() => this.resend()) }, this.t.resend)));
      return this.step('code', form);
    }

    async verify() {
      try {
        this.s.result = await api('POST', '/api/v1/public/holds/' + this.s.hold.hold_id + '/verify', { code: this.s.code });
        await this.go('done');
      } catch (e) {
        if (HOLD_GONE.includes(e.code)) return this.timeGone('holdGone');
        if (e.code === 'hold_verified') return this.say(this.t.verified);
        if (e.code === 'wrong_code' || e.code === 'validation_failed') {
          e.fields = e.fields.length ? e.fields : [{ field: 'code', code: 'len' }];
          if (this.markFields({ ...e, status: 422 })) return;
        }
        this.fail(e, () => this.run(() => this.verify()));
      }
    }

    async resend() {
      try {
        await api('POST', '/api/v1/public/holds/' + this.s.hold.hold_id + '/resend');
        this.say(this.t.resent, null, 'info');
      } catch (e) {
        if (e.code === 'resend_too_soon') return this.say(this.tr('resendSoon', { wait: this.seconds(e.retryAfter || 30) }));
        if (HOLD_GONE.includes(e.code)) return this.timeGone(e.code === 'too_many_codes' ? 'tooManyCodes' : 'holdGone');
        this.fail(e, () => this.run(() => this.resend()));
      }
    }

    // ---- done ----

    viewDone() {
      const { visit, manage_url: manage } = this.s.result;
      const token = manage.split('/').pop();
      return this.step('done', [
        this.summary(visit),
        h('p', {}, this.tr('doneText', { date: this.when(visit.start) })),
        h('p', { class: 'links' },
          h('a', { href: API + '/api/v1/public/visits/' + encodeURIComponent(token) + '/visit.ics', download: 'visit.ics' }, this.t.addCal),
          h('a', { href: manage, target: '_blank', rel: 'noopener' }, this.t.manage))], { noBack: true });
    }
  }

  // localeTag joins the language and the branch's country (en-GB, pl-PL), so formats
  // and the first weekday follow the clinic's country.
  function localeTag(locale, country) {
    try {
      return Intl.getCanonicalLocales(locale + '-' + country)[0];
    } catch (e) {
      return locale;
    }
  }

  // firstWeekday is 1 (Monday) … 7 (Sunday) for the locale, Monday where unknown.
  function firstWeekday(tag) {
    try {
      const l = new Intl.Locale(tag);
      const info = l.getWeekInfo ? l.getWeekInfo() : l.weekInfo;
      return (info && info.firstDay) || 1;
    } catch (e) {
      return 1;
    }
  }

  function regionName(tag, country) {
    try {
      return new Intl.DisplayNames([tag], { type: 'region' }).of(country);
    } catch (e) {
      return country;
    }
  }

  // luminance is WCAG's relative luminance of an sRGB colour.
  function luminance(rgb) {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  customElements.define('frontdesk-booking', Booking);
})();
