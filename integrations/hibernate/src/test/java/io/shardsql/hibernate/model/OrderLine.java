package io.shardsql.hibernate.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A line of an order: a SEQUENCE key, many-to-one to its order, a DECIMAL price. */
@Entity
@Table(name = "order_line")
public class OrderLine {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "line_seq")
    @SequenceGenerator(name = "line_seq", sequenceName = "order_line_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private PurchaseOrder order;

    @Column(nullable = false, length = 60)
    private String product;

    private int quantity;

    @Column(precision = 12, scale = 2)
    private BigDecimal price;

    protected OrderLine() {
    }

    OrderLine(PurchaseOrder order, String product, int quantity, BigDecimal price) {
        this.order = order;
        this.product = product;
        this.quantity = quantity;
        this.price = price;
    }

    public Long getId() { return id; }

    public String getProduct() { return product; }

    public int getQuantity() { return quantity; }

    public BigDecimal getPrice() { return price; }
}
