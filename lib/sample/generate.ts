/**
 * Generates sample records of the `users` and `apps` datasets, one partition
 * date at a time, from a seed alone. Users form a change feed (a record on
 * the sign-up day, then a record on each day their plan, devices, installed
 * apps or consents change); apps are a full catalogue snapshot every day
 * with installs growing. Only the users' current state is kept in memory.
 */
import { findDataset } from "../layout";
import { Random } from "./random";

/** What to generate. */
export interface SampleSpec {
  /** Number of partition dates, ending with `endDate`. */
  readonly days: number;
  /** Number of users who sign up over the period. */
  readonly users: number;
  /** Number of apps in the catalogue. */
  readonly apps: number;
  readonly seed: number;
  /** Last partition date, `YYYY-MM-DD`. */
  readonly endDate: string;
}

/** One record, with keys in the layout's field order. */
export type SampleRecord = Record<string, unknown>;

const DAY_MS = 86_400_000;

const COUNTRIES: readonly (readonly [[string, string], number])[] = [
  [["US", "en-US"], 30],
  [["IN", "hi-IN"], 14],
  [["BR", "pt-BR"], 9],
  [["DE", "de-DE"], 7],
  [["GB", "en-GB"], 7],
  [["FR", "fr-FR"], 6],
  [["JP", "ja-JP"], 6],
  [["ID", "id-ID"], 5],
  [["MX", "es-MX"], 5],
  [["NG", "en-NG"], 4],
  [["KR", "ko-KR"], 3],
  [["CA", "en-CA"], 4],
];
const PLATFORMS: readonly (readonly [string, number])[] = [
  ["android", 50],
  ["ios", 35],
  ["web", 15],
];
const OS_VERSIONS: Record<string, readonly string[]> = {
  android: ["12", "13", "14", "15"],
  ios: ["16.7", "17.5", "18.1", "18.2"],
  windows: ["10", "11"],
  macos: ["14.6", "15.1"],
};
const CLIENT_VERSIONS = ["5.10.0", "5.11.2", "5.12.0", "5.13.1", "6.0.0"];
const PLANS = ["free", "plus", "pro"];
const REFERRALS: readonly (readonly [string, number])[] = [
  ["organic", 50],
  ["ads", 25],
  ["friend", 15],
  ["partner", 10],
];
const CATEGORIES = [
  "games",
  "productivity",
  "social",
  "music",
  "photo",
  "health",
  "finance",
  "education",
  "travel",
  "news",
];
const NAME_FIRST = [
  "Swift",
  "Bright",
  "Pocket",
  "Cloud",
  "Pixel",
  "Quiet",
  "Lucky",
  "Happy",
  "Smart",
  "Tiny",
  "Bold",
  "Daily",
  "Green",
  "Silver",
  "Rapid",
  "Calm",
];
const NAME_SECOND = [
  "Notes",
  "Runner",
  "Chef",
  "Budget",
  "Tunes",
  "Lens",
  "Quest",
  "Planner",
  "Chat",
  "Steps",
  "Maps",
  "Words",
  "Puzzle",
  "Radio",
  "Ledger",
  "Garden",
];
const PUBLISHER_WORDS = [
  "Northwind",
  "Bluefin",
  "Orchard",
  "Kestrel",
  "Lumen",
  "Harbor",
  "Maple",
  "Quartz",
  "Juniper",
  "Atlas",
  "Cobalt",
  "Meridian",
];

interface UserState {
  readonly id: string;
  readonly signupTs: string;
  readonly platform: string;
  readonly country?: string;
  readonly locale?: string;
  readonly referral?: string;
  plan: string;
  optIns?: { email: boolean; push: boolean; sms: boolean };
  devices: {
    device_id: string;
    os: string;
    os_version: string;
    app_version: string;
  }[];
  installedApps: string[];
}

interface AppState {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly publisher: { publisher_id: string; name: string };
  readonly releasedAt: string;
  readonly platforms: string[];
  readonly rating?: number;
  readonly price: number;
  readonly growth: number;
  versions: string[];
  installs: number;
}

/** The partition dates of a sample, oldest first. */
export function sampleDates(spec: SampleSpec): string[] {
  const end = Date.parse(`${spec.endDate}T00:00:00Z`);
  return Array.from({ length: spec.days }, (_, i) =>
    new Date(end - (spec.days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** The `app_id` of the n-th app (0-based): `a-0001`. */
export function appId(index: number): string {
  return `a-${String(index + 1).padStart(4, "0")}`;
}

/** The `user_id` of the n-th user (0-based): `u-000001`. */
export function userId(index: number): string {
  return `u-${String(index + 1).padStart(6, "0")}`;
}

/** One partition date's records of both datasets. */
export interface SampleDay {
  readonly date: string;
  readonly users: readonly SampleRecord[];
  readonly apps: readonly SampleRecord[];
}

/** Generates a sample day by day, keeping only the current state in memory. */
export class SampleGenerator {
  readonly dates: readonly string[];
  private readonly random: Random;
  private readonly apps: AppState[];
  private readonly users: UserState[] = [];
  private readonly referralSince: string;

  constructor(private readonly spec: SampleSpec) {
    this.dates = sampleDates(spec);
    this.random = new Random(spec.seed);
    this.referralSince =
      findDataset("users")?.fields.find((f) => f.name === "referral_source")
        ?.since ?? "0000-00-00";
    this.apps = Array.from({ length: spec.apps }, (_, i) => this.newApp(i));
  }

  /** The records of each partition date in turn, oldest first. */
  *days(): Generator<SampleDay> {
    for (const [index, date] of this.dates.entries()) {
      yield { date, users: this.usersOn(index, date), apps: this.appsOn() };
    }
  }

  private usersOn(index: number, date: string): SampleRecord[] {
    const records: SampleRecord[] = [];
    // Existing users change first, so no one changes on their sign-up day.
    const changeCount = Math.round(this.users.length * 0.03);
    const changed = new Set<number>();
    for (let i = 0; i < changeCount; i += 1) {
      changed.add(this.random.int(0, this.users.length - 1));
    }
    const changes = [...changed].sort((a, b) => a - b);
    for (const position of changes) {
      const user = this.users[position];
      this.change(user);
      records.push(this.userRecord(user, date, this.timeOn(date)));
    }

    const first = Math.floor((this.spec.users * index) / this.spec.days);
    const last = Math.floor((this.spec.users * (index + 1)) / this.spec.days);
    for (let i = first; i < last; i += 1) {
      const user = this.newUser(i, date);
      this.users.push(user);
      records.push(this.userRecord(user, date, user.signupTs));
    }
    return records;
  }

  private appsOn(): SampleRecord[] {
    return this.apps.map((app) => {
      app.installs += Math.round(app.growth * (0.5 + this.random.next()));
      if (this.random.chance(0.04))
        app.versions.push(nextVersion(app.versions));
      const record: SampleRecord = {
        app_id: app.id,
        name: app.name,
        category: app.category,
        publisher: app.publisher,
        current_version: app.versions[app.versions.length - 1],
        versions: [...app.versions],
        released_at: app.releasedAt,
        platforms: app.platforms,
      };
      if (app.rating !== undefined) record.rating = app.rating;
      record.installs = app.installs;
      record.price_usd = app.price;
      return record;
    });
  }

  private newApp(index: number): AppState {
    const r = this.random;
    const publisherIndex = r.int(
      0,
      Math.max(0, Math.ceil(this.spec.apps / 4) - 1),
    );
    const platforms = ["android", "ios", "web"].filter(() => r.chance(0.7));
    const major = r.int(1, 6);
    const versions = Array.from(
      { length: r.int(1, 4) },
      (_, i) => `${major}.${i}.0`,
    );
    const releasedDaysBefore = r.int(30, 2000);
    const start = Date.parse(`${this.dates[0]}T00:00:00Z`);
    return {
      id: appId(index),
      name: `${r.pick(NAME_FIRST)} ${r.pick(NAME_SECOND)}`,
      category: r.pick(CATEGORIES),
      publisher: {
        publisher_id: `p-${String(publisherIndex + 1).padStart(3, "0")}`,
        name: `${PUBLISHER_WORDS[publisherIndex % PUBLISHER_WORDS.length]} ${publisherIndex < PUBLISHER_WORDS.length ? "Labs" : `Studio ${publisherIndex}`}`,
      },
      releasedAt: isoSeconds(
        start -
          releasedDaysBefore * DAY_MS +
          r.int(0, DAY_MS / 1000 - 1) * 1000,
      ),
      platforms: platforms.length > 0 ? platforms : ["android"],
      rating: r.chance(0.1)
        ? undefined
        : Math.round((2.5 + r.next() * 2.5) * 10) / 10,
      price: r.chance(0.75) ? 0 : r.pick([0.99, 1.99, 2.99, 4.99, 9.99]),
      growth: Math.round(10 ** (1 + r.next() * 3)),
      versions,
      installs: r.int(1_000, 5_000_000),
    };
  }

  private newUser(index: number, date: string): UserState {
    const r = this.random;
    const [country, locale] = r.weighted(COUNTRIES);
    const platform = r.weighted(PLATFORMS);
    const user: UserState = {
      id: userId(index),
      signupTs: this.timeOn(date),
      platform,
      country: r.chance(0.05) ? undefined : country,
      locale: r.chance(0.1) ? undefined : locale,
      referral:
        date >= this.referralSince && !r.chance(0.2)
          ? r.weighted(REFERRALS)
          : undefined,
      plan: r.weighted([
        ["free", 80],
        ["plus", 15],
        ["pro", 5],
      ] as const),
      optIns: r.chance(0.15)
        ? undefined
        : { email: r.chance(0.6), push: r.chance(0.5), sms: r.chance(0.1) },
      devices: [],
      installedApps: [],
    };
    const deviceCount = r.weighted([
      [0, 5],
      [1, 70],
      [2, 20],
      [3, 5],
    ] as const);
    for (let i = 0; i < deviceCount; i += 1) this.addDevice(user);
    const appCount = Math.min(this.apps.length, r.int(0, 8));
    for (let i = 0; i < appCount; i += 1) this.installApp(user);
    return user;
  }

  private change(user: UserState): void {
    const r = this.random;
    const kind = r.weighted([
      ["plan", 25],
      ["device", 20],
      ["app", 45],
      ["consent", 10],
    ] as const);
    if (kind === "plan") {
      const current = PLANS.indexOf(user.plan);
      user.plan = r.chance(0.8)
        ? PLANS[Math.min(PLANS.length - 1, current + 1)]
        : PLANS[Math.max(0, current - 1)];
    } else if (kind === "device") {
      this.addDevice(user);
    } else if (kind === "app") {
      this.installApp(user);
    } else {
      user.optIns = {
        email: r.chance(0.6),
        push: r.chance(0.5),
        sms: r.chance(0.1),
      };
    }
  }

  private addDevice(user: UserState): void {
    const r = this.random;
    const os =
      user.platform === "web" ? r.pick(["windows", "macos"]) : user.platform;
    user.devices.push({
      device_id: `d-${user.id.slice(2)}-${user.devices.length + 1}`,
      os,
      os_version: r.pick(OS_VERSIONS[os]),
      app_version: r.pick(CLIENT_VERSIONS),
    });
  }

  private installApp(user: UserState): void {
    if (this.apps.length === 0) return;
    // Popular apps (low ids) are installed more often.
    const index = Math.floor(this.apps.length * this.random.next() ** 2);
    const id = appId(index);
    if (!user.installedApps.includes(id)) user.installedApps.push(id);
  }

  private userRecord(
    user: UserState,
    date: string,
    updatedAt: string,
  ): SampleRecord {
    const record: SampleRecord = {
      user_id: user.id,
      signup_ts: user.signupTs,
      updated_at: updatedAt,
    };
    if (user.country !== undefined) record.country = user.country;
    record.platform = user.platform;
    if (user.locale !== undefined) record.locale = user.locale;
    record.plan = user.plan;
    if (user.optIns !== undefined) record.opt_ins = { ...user.optIns };
    record.devices = user.devices.map((d) => ({ ...d }));
    record.installed_apps = [...user.installedApps];
    if (user.referral !== undefined && date >= this.referralSince) {
      record.referral_source = user.referral;
    }
    return record;
  }

  private timeOn(date: string): string {
    const start = Date.parse(`${date}T00:00:00Z`);
    return isoSeconds(start + this.random.int(0, DAY_MS / 1000 - 1) * 1000);
  }
}

function nextVersion(versions: readonly string[]): string {
  const [major, minor] = versions[versions.length - 1].split(".").map(Number);
  return `${major}.${minor + 1}.0`;
}

/** `2026-11-02T08:15:00Z`: ISO-8601 UTC without milliseconds. */
function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
