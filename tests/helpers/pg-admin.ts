// One statement on the PostgreSQL server the suite's DATABASE_URL names (creating and dropping scratch databases).
export async function pgAdmin(sql: string): Promise<void> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}
