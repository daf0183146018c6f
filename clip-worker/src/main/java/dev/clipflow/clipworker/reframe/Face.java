package dev.clipflow.clipworker.reframe;

/** A detected face, in pixels of the source frame. */
public record Face(double x, double y, double width, double height) {

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }

    public double area() {
        return width * height;
    }
}
