package io.shardsql.hibernate.model;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** An order: a SEQUENCE key (allocation 50), many-to-one to its customer, one-to-many lines (cascaded). */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_seq")
    @SequenceGenerator(name = "order_seq", sequenceName = "purchase_order_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Customer customer;

    @Column(nullable = false, length = 40)
    private String reference;

    private LocalDateTime placedAt = LocalDateTime.of(2026, 12, 7, 12, 0);

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("product")
    private List<OrderLine> lines = new ArrayList<>();

    protected PurchaseOrder() {
    }

    PurchaseOrder(Customer customer, String reference) {
        this.customer = customer;
        this.reference = reference;
    }

    public Long getId() { return id; }

    public Customer getCustomer() { return customer; }

    public String getReference() { return reference; }

    public LocalDateTime getPlacedAt() { return placedAt; }

    public List<OrderLine> getLines() { return lines; }

    public OrderLine addLine(String product, int quantity, String price) {
        OrderLine line = new OrderLine(this, product, quantity, new BigDecimal(price));
        lines.add(line);
        return line;
    }
}
