import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1764200000000 implements MigrationInterface {
  name = 'Platform1764200000000';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE bank (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      code VARCHAR(32) NOT NULL UNIQUE,
      name VARCHAR(100) NOT NULL,
      created_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE org (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      parent_id VARCHAR(64) NULL,
      path VARCHAR(255) NOT NULL,
      name VARCHAR(100) NOT NULL,
      kind VARCHAR(16) NOT NULL,
      KEY idx_org_path (bank_id, path)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE user (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NOT NULL,
      org_id VARCHAR(64) NOT NULL,
      username VARCHAR(64) NOT NULL UNIQUE,
      display_name VARCHAR(64) NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      status VARCHAR(16) NOT NULL,
      failed_logins INT NOT NULL DEFAULT 0,
      locked_until DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL,
      KEY idx_user_org (bank_id, org_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE role (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      bank_id VARCHAR(64) NULL,
      code VARCHAR(64) NOT NULL,
      name VARCHAR(64) NOT NULL,
      data_scope VARCHAR(16) NOT NULL
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE role_permission (
      role_id VARCHAR(64) NOT NULL,
      permission VARCHAR(100) NOT NULL,
      PRIMARY KEY (role_id, permission)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE user_role (
      user_id VARCHAR(64) NOT NULL,
      role_id VARCHAR(64) NOT NULL,
      PRIMARY KEY (user_id, role_id)
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE menu (
      id VARCHAR(64) NOT NULL PRIMARY KEY,
      parent_id VARCHAR(64) NULL,
      kind VARCHAR(16) NOT NULL,
      title_zh VARCHAR(64) NOT NULL,
      title_en VARCHAR(64) NOT NULL,
      icon VARCHAR(64) NULL,
      app VARCHAR(64) NULL,
      route VARCHAR(128) NULL,
      permission VARCHAR(100) NULL,
      sort INT NOT NULL DEFAULT 0
    ) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE app_release (
      app VARCHAR(64) NOT NULL,
      version VARCHAR(64) NOT NULL,
      scope VARCHAR(64) NOT NULL,
      manifest_url VARCHAR(255) NOT NULL,
      route VARCHAR(64) NOT NULL,
      active TINYINT(1) NOT NULL DEFAULT 0,
      registered_by VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (app, version)
    ) ENGINE=InnoDB`);
  }
  async down(q: QueryRunner) {
    for (const t of ['app_release', 'menu', 'user_role', 'role_permission', 'role', 'user', 'org', 'bank']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
