package io.shardsql.hibernate.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A customer: an IDENTITY key, a unique e-mail, time-zone values, and orders (one-to-many, cascaded). */
@Entity
public class Customer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(unique = true, length = 200)
    private String email;

    /** Stored as a timestamp normalized to UTC (ShardSQL has no time-zone types). */
    private Instant createdAt;

    private OffsetDateTime lastSeen;

    @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<PurchaseOrder> orders = new ArrayList<>();

    protected Customer() {
    }

    public Customer(String name, String email) {
        this.name = name;
        this.email = email;
    }

    public Long getId() { return id; }

    public Instant getCreatedAt() { return createdAt; }

    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }

    public OffsetDateTime getLastSeen() { return lastSeen; }

    public void setLastSeen(OffsetDateTime lastSeen) { this.lastSeen = lastSeen; }

    public String getName() { return name; }

    public List<PurchaseOrder> getOrders() { return orders; }

    public PurchaseOrder addOrder(String reference) {
        PurchaseOrder order = new PurchaseOrder(this, reference);
        orders.add(order);
        return order;
    }
}
