// A small company for domain tests: a manager, two reps on the team, a rep elsewhere, an admin, and customers.
import type { Store } from "../../prisma/client.ts";
import { toActor, type Actor, type DomainContext } from "../../domain/context.ts";
import { customerSearchKeys } from "../../domain/name-keys.ts";

export interface Company {
  store: Store;
  users: Record<"boss" | "amy" | "bob" | "eve" | "root", Actor>;
  customers: Record<string, number>;
  ctx(who: keyof Company["users"], now?: string, message?: string): DomainContext;
}

export async function seedCompany(store: Store): Promise<Company> {
  const db = store.prisma;
  const boss = await db.user.create({ data: { handle: "boss", name: "Boss Wang", role: "manager", timezone: "Asia/Shanghai", locale: "zh" } });
  const other = await db.user.create({ data: { handle: "other.mgr", name: "Other Manager", role: "manager" } });
  const amy = await db.user.create({ data: { handle: "amy", name: "Amy Lee", role: "rep", managerId: boss.id, timezone: "Asia/Shanghai" } });
  const bob = await db.user.create({ data: { handle: "bob", name: "Bob Smith", role: "rep", managerId: boss.id, timezone: "America/New_York" } });
  const eve = await db.user.create({ data: { handle: "eve", name: "Eve Zhou", role: "rep", managerId: other.id, locale: "zh" } });
  const root = await db.user.create({ data: { handle: "root", name: "Admin", role: "admin" } });
  const mk = async (name: string, ownerId: number, aliases: string[] = [], contacts: string[] = []) => {
    const c = await db.customer.create({
      data: { name, ownerId, aliases, searchKeys: customerSearchKeys(name, aliases), tier: "B", stage: "repeat" },
    });
    for (const n of contacts) await db.contact.create({ data: { customerId: c.id, name: n } });
    return c.id;
  };
  const customers = {
    acmeLogistics: await mk("Acme Logistics", amy.id, [], ["Jane Doe", "Mark Liu"]),
    acmeRobotics: await mk("Acme Robotics", bob.id, [], ["Kevin Park"]),
    huadong: await mk("华东机械有限公司", amy.id, ["华东机械", "Huadong Machinery"], ["王芳"]),
    summit: await mk("Summit Hotels", bob.id, ["Summit"], ["Robert King"]),
    eveCo: await mk("东方电子", eve.id, [], ["刘洋"]),
  };
  const users = { boss: toActor(boss), amy: toActor(amy), bob: toActor(bob), eve: toActor(eve), root: toActor(root) };
  return {
    store,
    users,
    customers,
    ctx: (who, now = "2026-03-02T09:30:00+08:00", message) => ({
      db,
      actor: users[who],
      now: new Date(now),
      ...(message ? { source: { message } } : {}),
    }),
  };
}
