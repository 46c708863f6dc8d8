import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A table link is valid until the end of its appointment's day (Europe/Berlin), the same expression
 * as `LINK_EXPIRY` in libs/api/workshops. When a manager moves the appointment, its workshops' links
 * follow: moved into the past, the table shows "expired"; moved later, the link lasts to the new day.
 */
export class WorkshopLinksFollowAppointments1764815000000 implements MigrationInterface {
  name = 'WorkshopLinksFollowAppointments1764815000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION workshop_links_follow_appointment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE workshops
           SET link_expires_at = (date_trunc('day', coalesce(NEW.ends_at, NEW.starts_at) AT TIME ZONE 'Europe/Berlin') + interval '1 day')
                                 AT TIME ZONE 'Europe/Berlin'
         WHERE appointment_id = NEW.id;
        RETURN NEW;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER appointments_workshop_links AFTER UPDATE OF starts_at, ends_at ON appointments
        FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.ends_at IS DISTINCT FROM NEW.ends_at)
        EXECUTE FUNCTION workshop_links_follow_appointment()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER appointments_workshop_links ON appointments`);
    await db.query(`DROP FUNCTION workshop_links_follow_appointment()`);
  }
}
