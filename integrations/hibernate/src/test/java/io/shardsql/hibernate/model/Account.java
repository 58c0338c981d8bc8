package io.shardsql.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** An account with an assigned key and a {@code @Version} column, for the locking tests. */
@Entity
public class Account {
    @Id
    private Long id;

    private long balance;

    @Version
    private int version;

    protected Account() {
    }

    public Account(long id, long balance) {
        this.id = id;
        this.balance = balance;
    }

    public Long getId() { return id; }

    public long getBalance() { return balance; }

    public void setBalance(long balance) { this.balance = balance; }

    public int getVersion() { return version; }
}
