import type { Kysely, Migration } from 'kysely';

/**
 * The first schema: designs and their versions, runs and their results, live sessions and the
 * audit log. The same DDL on SQLite and PostgreSQL: `bigint`, `text`, `integer` and
 * `double precision` mean the same to both.
 */
export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('designs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('search_name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .addColumn('deleted_by', 'text')
      .execute();
    await db.schema.createIndex('designs_by_updated').on('designs').columns(['updated_at', 'id']).execute();
    await db.schema.createIndex('designs_by_name').on('designs').columns(['search_name', 'id']).execute();

    await db.schema
      .createTable('design_versions')
      .addColumn('design_id', 'text', (c) => c.notNull().references('designs.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('document_bytes', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('design_versions_pk', ['design_id', 'version'])
      .execute();

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('design_id', 'text', (c) => c.notNull())
      .addColumn('design_version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('progress', 'double precision', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('owner', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('finished_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addForeignKeyConstraint('runs_design_version_fk', ['design_id', 'design_version'], 'design_versions', [
        'design_id',
        'version',
      ])
      .execute();
    await db.schema.createIndex('runs_by_created').on('runs').columns(['created_at', 'id']).execute();
    await db.schema
      .createIndex('runs_by_design')
      .on('runs')
      .columns(['design_id', 'created_at', 'id'])
      .execute();
    await db.schema.createIndex('runs_by_status').on('runs').columns(['status']).execute();

    await db.schema
      .createTable('run_results')
      .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id'))
      .addColumn('result_bytes', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('timeline', 'text')
      .execute();

    await db.schema
      .createTable('live_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('design_id', 'text')
      .addColumn('design_version', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('stopped_at', 'bigint')
      .addColumn('report_bytes', 'integer')
      .addColumn('report', 'text')
      .addForeignKeyConstraint(
        'live_sessions_design_version_fk',
        ['design_id', 'design_version'],
        'design_versions',
        ['design_id', 'version'],
      )
      .execute();
    await db.schema
      .createIndex('live_sessions_by_created')
      .on('live_sessions')
      .columns(['created_at', 'id'])
      .execute();
    await db.schema.createIndex('live_sessions_by_status').on('live_sessions').columns(['status']).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_by_subject')
      .on('audit_log')
      .columns(['subject_id', 'seq'])
      .execute();
  },
};
